package fr.inserm.aipolicy.tools;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Tool;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy's {@code tools.json} into a {@link ToolCatalogue}, checking it: every tool with an id
 * used once, an alias or tag, known kinds and hostings, no alias shared or looking like another
 * tool's, footprint rows for the models named. A malformed file is a {@link PolicyBuildException}
 * naming where it is.
 */
final class ToolCatalogueFile {
    private ToolCatalogueFile() {
    }

    static ToolCatalogue read(String json, String origin) {
        String where = origin + "/" + ToolCatalogue.FILE;
        JsonTree root;
        try {
            root = JsonTree.parse(json);
        } catch (JsonTree.JsonParseFailure e) {
            // the parser's own sentences and class names stay out: the file, the place, what is wrong
            String place = e.where().isEmpty() ? "" : ", " + e.where();
            throw new PolicyBuildException(where + place + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PolicyBuildException(where + " must be a JSON object");
        }
        String version = text(root, "version", where, true);
        JsonTree toolsNode = root.get("tools");
        if (toolsNode == null || !toolsNode.isArray()) {
            throw new PolicyBuildException(where + " must have a \"tools\" array");
        }
        List<KnownTool> tools = new ArrayList<>();
        Map<String, KnownTool> byId = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        Map<String, String> compactOwner = new HashMap<>();
        List<String[]> named = new ArrayList<>(); // where, alias, tool id: checked once the catalogue's keys are known
        for (int i = 0; i < toolsNode.size(); i++) {
            JsonTree node = toolsNode.get(i);
            String at = where + ": tools[" + i + "]";
            KnownTool tool = tool(node, at);
            if (byId.put(tool.id(), tool) != null) {
                throw new PolicyBuildException(at + ": id " + tool.id() + " appears twice");
            }
            List<String> toolTags = tags(node, at, tool.id());
            if (tool.aliases().isEmpty() && toolTags.isEmpty()) {
                throw new PolicyBuildException(at + " (" + tool.id() + ") must have an alias or a tag");
            }
            tags.put(tool.id(), toolTags);
            List<String> names = new ArrayList<>(tool.aliases());
            toolTags.stream().filter(t -> !ToolCatalogue.isSuffixTag(t)).forEach(names::add);
            for (String alias : names) {
                String compact = ToolNames.compact(alias);
                String previous = compactOwner.put(compact, tool.id());
                if (previous != null && !previous.equals(tool.id())) {
                    throw new PolicyBuildException(at + ": alias \"" + alias + "\" also names " + previous);
                }
                named.add(new String[] {at, alias, tool.id()});
            }
            tools.add(tool);
        }
        JsonTree footprint = root.get("footprint");
        String clause = null;
        List<ModelFootprint> rows = new ArrayList<>();
        List<KnownTool> smaller = new ArrayList<>();
        if (footprint != null) {
            String at = where + ": footprint";
            clause = text(footprint, "clause", at, true);
            for (JsonTree row : array(footprint, "models", at)) {
                rows.add(new ModelFootprint(text(row, "model", at, true), number(row, "energyMilliwattHours", at),
                        number(row, "co2MilligramsEq", at), number(row, "waterMillilitres", at)));
            }
            for (JsonTree id : array(footprint, "smallerModels", at)) {
                KnownTool tool = byId.get(id.asText());
                if (tool == null) {
                    throw new PolicyBuildException(at + ".smallerModels names " + id + ", which is not a tool");
                }
                smaller.add(tool);
            }
        }
        for (KnownTool tool : tools) {
            if (tool.footprintModel() != null && rows.stream().noneMatch(r -> r.model().equals(tool.footprintModel()))) {
                throw new PolicyBuildException(where + ": tool " + tool.id() + " has footprintModel \""
                        + tool.footprintModel() + "\", which is not a row of footprint.models");
            }
        }
        ToolCatalogue catalogue = new ToolCatalogue(version, tools, tags, clause, rows, smaller);
        // two tools whose names look alike would make a look-alike ambiguous, and refuse one of them
        Map<String, String> keyOwner = new HashMap<>();
        for (String[] alias : named) {
            String previous = keyOwner.put(catalogue.key(alias[1]), alias[2]);
            if (previous != null && !previous.equals(alias[2])) {
                throw new PolicyBuildException(alias[0] + ": alias \"" + alias[1] + "\" looks like a name of " + previous);
            }
        }
        return catalogue;
    }

    private static final List<String> KINDS = List.of("platform", "model", "runner");
    private static final List<String> TOOL_FIELDS = List.of("id", "name", "provider", "kind", "aliases", "tags",
            "hostings", "generative", "parametersBillions", "insermService", "footprintModel", "note");

    private static KnownTool tool(JsonTree node, String at) {
        if (!node.isObject()) {
            throw new PolicyBuildException(at + " must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TOOL_FIELDS.contains(name)) {
                throw new PolicyBuildException(at + " has an unknown field \"" + name + "\"; accepted: " + TOOL_FIELDS);
            }
        }
        String id = text(node, "id", at, true);
        String kind = text(node, "kind", at, true);
        if (!KINDS.contains(kind)) {
            throw new PolicyBuildException(at + " (" + id + "): kind \"" + kind + "\" is not one of " + KINDS);
        }
        List<String> aliases = new ArrayList<>();
        JsonTree aliasNodes = node.get("aliases");
        if (aliasNodes == null || !aliasNodes.isArray()) {
            throw new PolicyBuildException(at + " (" + id + ") must have an \"aliases\" array");
        }
        for (JsonTree alias : aliasNodes) {
            aliases.add(name(alias, at, id));
        }
        Set<Hosting> hostings = EnumSet.noneOf(Hosting.class);
        for (JsonTree hosting : array(node, "hostings", at)) {
            hostings.add(hosting(hosting.asText(), at));
        }
        JsonTree inserm = node.get("insermService");
        if (inserm != null && !inserm.isBoolean()) {
            throw new PolicyBuildException(at + " (" + id + "): insermService must be true or false");
        }
        JsonTree generative = node.get("generative");
        if (generative != null && !generative.isNull() && !generative.isBoolean()) {
            throw new PolicyBuildException(at + " (" + id + "): generative must be true or false");
        }
        JsonTree size = node.get("parametersBillions");
        Double parameters = null;
        if (size != null && !size.isNull()) {
            if (!size.isNumber() || size.doubleValue() < 0 || size.doubleValue() > Tool.MAX_PARAMETERS_BILLIONS) {
                throw new PolicyBuildException(at + " (" + id + "): parametersBillions must be a number from 0 to "
                        + (long) Tool.MAX_PARAMETERS_BILLIONS);
            }
            parameters = size.doubleValue();
        }
        try {
            return new KnownTool(id, text(node, "name", at, true), text(node, "provider", at, false), kind, aliases,
                    hostings, null, generative == null || generative.isNull() ? null : generative.booleanValue(),
                    parameters, text(node, "footprintModel", at, false), text(node, "note", at, false),
                    inserm != null && inserm.booleanValue());
        } catch (IllegalArgumentException e) {
            throw new PolicyBuildException(at + ": " + e.getMessage(), e);
        }
    }

    /** Whether a text passes the checks of a tool's name (nothing invisible or unreadable in it). */
    private static boolean readable(String text) {
        try {
            Tool.named(text); // the same checks as a usage's tool name
            return true;
        } catch (InvalidUsageException e) {
            return false;
        }
    }

    /** An alias or tag: a text with a letter or digit and nothing unreadable. */
    private static String name(JsonTree alias, String at, String id) {
        if (!alias.isTextual() || ToolNames.compact(alias.asText()).isEmpty() || !readable(alias.asText())) {
            throw new PolicyBuildException(at + " (" + id + ") has an empty or unreadable alias or tag: " + alias);
        }
        return alias.asText();
    }

    /** Tags: marks that designate the tool only inside a longer name, never as a whole name. */
    private static List<String> tags(JsonTree node, String at, String id) {
        JsonTree tags = node.get("tags");
        if (tags == null) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw new PolicyBuildException(at + " (" + id + "): \"tags\" must be an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonTree tag : tags) {
            out.add(name(tag, at, id));
        }
        return out;
    }

    private static Hosting hosting(String name, String at) {
        try {
            return Hosting.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new PolicyBuildException(at + ": hosting \"" + name + "\" is not one of " + Arrays.stream(Hosting.values()).map(Enum::name).toList());
        }
    }

    private static String text(JsonTree node, String field, String at, boolean required) {
        JsonTree value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new PolicyBuildException(at + " has no text field \"" + field + "\"");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new PolicyBuildException(at + ": \"" + field + "\" must be a non-blank text");
        }
        return value.asText();
    }

    private static JsonTree array(JsonTree node, String field, String at) {
        JsonTree value = node.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new PolicyBuildException(at + " must have a non-empty \"" + field + "\" array");
        }
        return value;
    }

    private static double number(JsonTree node, String field, String at) {
        JsonTree value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new PolicyBuildException(at + ": \"" + field + "\" must be a number");
        }
        return value.doubleValue();
    }
}
