package fr.inserm.aipolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned list of well-known AI tools ({@code tools.json} beside the rules) with what is public
 * about them: hosting class, generative or not, model size where published. Also holds the EcoLogits
 * comparison of recommendation 2 and the smaller models it names.
 *
 * <p>A usage that names a catalogued tool may leave out the hosting (when the tool runs in one place)
 * and the size; a usage whose hosting contradicts the catalogue (ChatGPT declared {@code LOCAL}) is
 * refused by {@link #check(Usage)}.
 *
 * <p>Names are matched on whole words, ignoring case, punctuation and the boundary between letters
 * and digits: "Llama3.2-1B via Ollama" contains the alias "llama 3.2 1b" and the alias "ollama". The
 * longest alias of a service or model decides which tool it is; a runner named beside it ("via
 * Ollama") narrows where it runs.
 */
public final class ToolCatalogue {
    static final String FILE = "tools.json";
    private static final List<String> KINDS = List.of("service", "model", "runner");
    private static final ToolCatalogue EMPTY = new ToolCatalogue("none", List.of(), null, List.of(), List.of());

    private final String version;
    private final List<KnownTool> tools;
    private final String footprintClause;
    private final List<ModelFootprint> footprints;
    private final List<KnownTool> smallerModels;
    private final Map<KnownTool, List<List<String>>> aliasTokens = new LinkedHashMap<>();

    private ToolCatalogue(String version, List<KnownTool> tools, String footprintClause,
            List<ModelFootprint> footprints, List<KnownTool> smallerModels) {
        this.version = version;
        this.tools = List.copyOf(tools);
        this.footprintClause = footprintClause;
        this.footprints = List.copyOf(footprints);
        this.smallerModels = List.copyOf(smallerModels);
        for (KnownTool tool : tools) {
            aliasTokens.put(tool, tool.aliases().stream().map(ToolCatalogue::tokens).toList());
        }
    }

    /**
     * A catalogue that knows no tool.
     *
     * @return the empty catalogue, version {@code none}
     */
    public static ToolCatalogue empty() {
        return EMPTY;
    }

    /**
     * The version of the catalogue, declared in {@code tools.json}.
     *
     * @return for example {@code 2025.1}
     */
    public String version() {
        return version;
    }

    /**
     * Every tool of the catalogue, in file order.
     *
     * @return the tools
     */
    public List<KnownTool> tools() {
        return tools;
    }

    /**
     * The EcoLogits estimates of recommendation 2 for summarising an article, one row per model.
     *
     * @return the rows, in the order of the source table; empty when the catalogue has none
     */
    public List<ModelFootprint> footprints() {
        return footprints;
    }

    /**
     * The clause the footprint table comes from.
     *
     * @return a clause id such as {@code R2}, or null when the catalogue has no table
     */
    public String footprintClause() {
        return footprintClause;
    }

    /**
     * The smaller models recommendation 2 names as alternatives (BioBERT, Llama3.2-1B).
     *
     * @return the models, smallest first as listed in the file
     */
    public List<KnownTool> smallerModels() {
        return smallerModels;
    }

    /**
     * Finds the tool a name designates. When the name also names a runner compatible with the tool
     * ("Mistral 7B via Ollama"), the result runs only where both can, and the runner's hosting is the
     * one assumed.
     *
     * @param toolName a tool name as a user writes it
     * @return the tool, or empty when the name designates no catalogued tool
     */
    public Optional<KnownTool> find(String toolName) {
        if (toolName == null) {
            return Optional.empty();
        }
        List<String> name = tokens(toolName);
        KnownTool primary = null;
        int primaryScore = 0;
        List<KnownTool> runners = new ArrayList<>();
        for (Map.Entry<KnownTool, List<List<String>>> entry : aliasTokens.entrySet()) {
            int score = 0;
            for (List<String> alias : entry.getValue()) {
                if (containsSequence(name, alias)) {
                    score = Math.max(score, alias.size() * 1000 + String.join("", alias).length());
                }
            }
            if (score == 0) {
                continue;
            }
            KnownTool tool = entry.getKey();
            if (tool.kind().equals("runner")) {
                runners.add(tool);
            } else if (score > primaryScore) {
                primary = tool;
                primaryScore = score;
            }
        }
        if (primary == null) {
            return runners.stream().findFirst();
        }
        Set<Hosting> hostings = EnumSet.copyOf(primary.hostings());
        Hosting hosting = primary.hosting();
        for (KnownTool runner : runners) {
            Set<Hosting> common = EnumSet.copyOf(hostings);
            common.retainAll(runner.hostings());
            if (!common.isEmpty()) {
                hostings = common;
                if (runner.hosting() != null && common.contains(runner.hosting())) {
                    hosting = runner.hosting();
                }
            }
        }
        if (hosting != null && !hostings.contains(hosting)) {
            hosting = hostings.size() == 1 ? hostings.iterator().next() : null;
        }
        if (hostings.equals(primary.hostings()) && Objects.equals(hosting, primary.hosting())) {
            return Optional.of(primary);
        }
        return Optional.of(new KnownTool(primary.id(), primary.name(), primary.provider(), primary.kind(),
                primary.aliases(), hostings, hosting, primary.generative(), primary.parametersBillions(),
                primary.footprintModel(), primary.note()));
    }

    /**
     * Starts a usage of a catalogued tool: the tool (under the given name, with the catalogue's size
     * and generative flag) and, when the tool runs in one place, its hosting.
     *
     * @param toolName the tool's name, as the user writes it
     * @return a builder on which the data categories and purpose remain to be set (and the hosting,
     *     when the catalogue cannot assume one)
     * @throws InvalidUsageException naming {@code tool.name} when the catalogue lacks the tool
     */
    public Usage.Builder usage(String toolName) {
        KnownTool known = find(toolName).orElseThrow(() -> new InvalidUsageException("tool.name",
                "\"" + Checks.toolName(toolName) + "\" is not in the tool catalogue " + version
                        + ": state the hosting and the size", List.of()));
        boolean generative = known.generative() == null || known.generative();
        return Usage.builder().tool(new Tool(toolName, generative, known.parametersBillions()))
                .hosting(known.hosting());
    }

    /**
     * Checks that a usage's hosting agrees with the catalogue.
     *
     * @param usage the usage
     * @return the same usage
     * @throws InvalidUsageException naming {@code hosting} when the tool is catalogued and cannot run
     *     there, for example ChatGPT declared {@code LOCAL}
     */
    public Usage check(Usage usage) {
        Objects.requireNonNull(usage, "usage");
        Optional<KnownTool> known = find(usage.tool().name());
        if (known.isPresent() && !known.get().hostings().contains(usage.hosting())) {
            throw contradiction(known.get(), usage.hosting().name());
        }
        return usage;
    }

    InvalidUsageException contradiction(KnownTool known, String declared) {
        List<String> accepted = known.hostings().stream().sorted().map(Enum::name).toList();
        String where = known.externalOnly() ? "exists only as an external service" : "runs only";
        return new InvalidUsageException("hosting", "\"" + declared + "\" contradicts the tool catalogue "
                + version + ": " + known.name() + " " + where + " (" + String.join(", ", accepted) + ")", accepted);
    }

    @Override
    public String toString() {
        return "ToolCatalogue[version=" + version + ", " + tools.size() + " tools]";
    }

    /** Lower case words, split at punctuation, white space and letter-digit boundaries. */
    static List<String> tokens(String text) {
        String spaced = text.toLowerCase(Locale.ROOT)
                .replaceAll("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})", " ")
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
    }

    private static boolean containsSequence(List<String> words, List<String> sequence) {
        if (sequence.isEmpty()) {
            return false;
        }
        for (int i = 0; i + sequence.size() <= words.size(); i++) {
            if (words.subList(i, i + sequence.size()).equals(sequence)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads and checks {@code tools.json}.
     *
     * @throws PolicyBuildException when the file is malformed, an id or alias appears twice, or a
     *     value is unknown
     */
    static ToolCatalogue parse(String json, String origin) {
        String where = origin + "/" + FILE;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new PolicyBuildException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyBuildException(where + " must be a JSON object");
        }
        String version = text(root, "version", where, true);
        JsonNode toolsNode = root.get("tools");
        if (toolsNode == null || !toolsNode.isArray()) {
            throw new PolicyBuildException(where + " must have a \"tools\" array");
        }
        List<KnownTool> tools = new ArrayList<>();
        Map<String, KnownTool> byId = new HashMap<>();
        Map<List<String>, String> aliasOwner = new HashMap<>();
        for (int i = 0; i < toolsNode.size(); i++) {
            JsonNode node = toolsNode.get(i);
            String at = where + ": tools[" + i + "]";
            KnownTool tool = tool(node, at);
            if (byId.put(tool.id(), tool) != null) {
                throw new PolicyBuildException(at + ": id " + tool.id() + " appears twice");
            }
            for (String alias : tool.aliases()) {
                String previous = aliasOwner.put(tokens(alias), tool.id());
                if (previous != null && !previous.equals(tool.id())) {
                    throw new PolicyBuildException(at + ": alias \"" + alias + "\" also names " + previous);
                }
            }
            tools.add(tool);
        }
        JsonNode footprint = root.get("footprint");
        String clause = null;
        List<ModelFootprint> rows = new ArrayList<>();
        List<KnownTool> smaller = new ArrayList<>();
        if (footprint != null) {
            String at = where + ": footprint";
            clause = text(footprint, "clause", at, true);
            for (JsonNode row : array(footprint, "models", at)) {
                rows.add(new ModelFootprint(text(row, "model", at, true), number(row, "energyMilliwattHours", at),
                        number(row, "co2MilligramsEq", at), number(row, "waterMillilitres", at)));
            }
            for (JsonNode id : array(footprint, "smallerModels", at)) {
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
        return new ToolCatalogue(version, tools, clause, rows, smaller);
    }

    private static final List<String> TOOL_FIELDS = List.of("id", "name", "provider", "kind", "aliases", "hostings",
            "hosting", "generative", "parametersBillions", "footprintModel", "note");

    private static KnownTool tool(JsonNode node, String at) {
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
        for (JsonNode alias : array(node, "aliases", at)) {
            if (!alias.isTextual() || tokens(alias.asText()).isEmpty()) {
                throw new PolicyBuildException(at + " (" + id + ") has an empty alias");
            }
            aliases.add(alias.asText());
        }
        Set<Hosting> hostings = EnumSet.noneOf(Hosting.class);
        for (JsonNode hosting : array(node, "hostings", at)) {
            hostings.add(hosting(hosting.asText(), at));
        }
        String hosting = text(node, "hosting", at, false);
        JsonNode generative = node.get("generative");
        if (generative != null && !generative.isNull() && !generative.isBoolean()) {
            throw new PolicyBuildException(at + " (" + id + "): generative must be true or false");
        }
        JsonNode size = node.get("parametersBillions");
        Double parameters = null;
        if (size != null && !size.isNull()) {
            if (!size.isNumber() || size.doubleValue() < 0 || size.doubleValue() > Checks.MAX_PARAMETERS_BILLIONS) {
                throw new PolicyBuildException(at + " (" + id + "): parametersBillions must be a number from 0 to "
                        + (long) Checks.MAX_PARAMETERS_BILLIONS);
            }
            parameters = size.doubleValue();
        }
        try {
            return new KnownTool(id, text(node, "name", at, true), text(node, "provider", at, false), kind, aliases,
                    hostings, hosting == null ? null : hosting(hosting, at),
                    generative == null || generative.isNull() ? null : generative.booleanValue(), parameters,
                    text(node, "footprintModel", at, false), text(node, "note", at, false));
        } catch (IllegalArgumentException e) {
            throw new PolicyBuildException(at + ": " + e.getMessage(), e);
        }
    }

    private static Hosting hosting(String name, String at) {
        try {
            return Hosting.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new PolicyBuildException(at + ": hosting \"" + name + "\" is not one of " + Checks.names(Hosting.class));
        }
    }

    private static String text(JsonNode node, String field, String at, boolean required) {
        JsonNode value = node.get(field);
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

    private static JsonNode array(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new PolicyBuildException(at + " must have a non-empty \"" + field + "\" array");
        }
        return value;
    }

    private static double number(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new PolicyBuildException(at + ": \"" + field + "\" must be a number");
        }
        return value.doubleValue();
    }
}
