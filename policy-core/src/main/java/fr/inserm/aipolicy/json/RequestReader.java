package fr.inserm.aipolicy.json;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.report.DisclosureFacts;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import fr.inserm.aipolicy.usage.Wording;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@link EvaluationRequest}: a usage as {@link UsageReader} reads it (just as strictly),
 * plus three optional top-level fields, {@code language} ({@code "en"} or {@code "fr"}),
 * {@code alternatives} (a boolean) and {@code disclosure} (an object of texts: {@code toolVersion},
 * {@code role}, {@code parameters}, {@code verification}). A tool of the catalogue may leave out
 * {@code hosting} (when it runs in one place), {@code tool.parametersBillions} (when published) and
 * {@code tool.generative}; a declared hosting the catalogue contradicts is refused.
 */
final class RequestReader {
    static final List<String> REQUEST_FIELDS = List.of("language", "alternatives", "disclosure", "strict");
    static final List<String> DISCLOSURE_FIELDS = List.of("toolVersion", "role", "parameters", "verification");
    private static final List<String> TOP_FIELDS = List.of("tool", "hosting", "dataCategories", "purpose", "context",
            "language", "alternatives", "disclosure", "strict");

    private RequestReader() {
    }

    static EvaluationRequest read(String json, ToolCatalogue tools) {
        JsonNode root = UsageReader.parse(json);
        if (!root.isObject()) {
            UsageReader.usage(root); // throws the usage reader's message for a non-object
        }
        ObjectNode request = ((ObjectNode) root).deepCopy();
        Language language = language(request.remove("language"));
        boolean alternatives = flag(request.remove("alternatives"), "alternatives");
        boolean strict = flag(request.remove("strict"), "strict");
        DisclosureFacts disclosure = disclosure(request.remove("disclosure"));
        List<String> completed = new ArrayList<>();
        Optional<KnownTool> known = Optional.empty();
        JsonNode tool = request.get("tool");
        if (tool instanceof ObjectNode toolNode && toolNode.path("name").isTextual()) {
            known = tools.find(toolNode.get("name").asText());
            if (known.isPresent()) {
                KnownTool k = known.get();
                if (request.path("hosting").isMissingNode() || request.get("hosting").isNull()) {
                    if (k.hosting() == null) {
                        throw new InvalidUsageException("hosting", Wording.of("required.severalPlaces", k.name()),
                                k.hostings().stream().sorted().map(Enum::name).toList());
                    }
                    request.put("hosting", k.hosting().name());
                    completed.add("hosting");
                }
                if (absent(toolNode, "parametersBillions") && k.parametersBillions() != null) {
                    toolNode.put("parametersBillions", k.parametersBillions());
                    completed.add("tool.parametersBillions");
                }
                if (absent(toolNode, "generative") && Boolean.FALSE.equals(k.generative())) {
                    toolNode.put("generative", false);
                    completed.add("tool.generative");
                }
            }
        }
        Usage usage;
        try {
            usage = UsageReader.usage(request);
        } catch (InvalidUsageException e) {
            if (e.wording().key().equals("unknownField") && !e.field().contains(".")) {
                throw new InvalidUsageException(e.field(), e.wording(), TOP_FIELDS);
            }
            throw e;
        }
        tools.check(usage);
        return new EvaluationRequest(usage, language, alternatives, disclosure, completed, strict);
    }

    private static boolean absent(JsonNode node, String field) {
        return !node.has(field) || node.get(field).isNull();
    }

    private static Language language(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidUsageException("language", Wording.of("mustBeText", UsageReader.kind(node)), Language.codes());
        }
        return Language.of(node.asText());
    }

    private static boolean flag(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidUsageException(field, Wording.of("mustBeBoolean", UsageReader.kind(node)),
                    List.of("true", "false"));
        }
        return node.booleanValue();
    }

    private static DisclosureFacts disclosure(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidUsageException("disclosure", Wording.of("mustBeObject", UsageReader.kind(node)),
                    DISCLOSURE_FIELDS);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!DISCLOSURE_FIELDS.contains(name)) {
                throw new InvalidUsageException("disclosure." + name, Wording.of("unknownField"), DISCLOSURE_FIELDS);
            }
        }
        return new DisclosureFacts(text(node, "toolVersion"), text(node, "role"), text(node, "parameters"),
                text(node, "verification"));
    }

    private static String text(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidUsageException("disclosure." + name, Wording.of("mustBeText", UsageReader.kind(node)),
                    List.of());
        }
        return node.asText();
    }
}
