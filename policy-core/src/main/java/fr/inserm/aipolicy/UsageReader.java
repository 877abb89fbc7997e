package fr.inserm.aipolicy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a usage from JSON, refusing anything it does not fully understand: unknown or duplicated
 * fields, wrong types, nulls inside lists, unknown values, oversized requests. Each refusal names
 * the field path and the accepted values.
 */
final class UsageReader {
    /** The largest request accepted, in characters. */
    static final int MAX_REQUEST_CHARS = 64 * 1024;
    /** Where a problem concerns the request as a whole rather than one field. */
    static final String WHOLE_REQUEST = "(request)";

    private static final List<String> TOP_FIELDS = List.of("tool", "hosting", "dataCategories", "purpose", "context");
    private static final List<String> TOOL_FIELDS = List.of("name", "generative", "parametersBillions");
    private static final List<String> CONTEXT_FIELDS = ContextField.all().stream().map(ContextField::jsonName).toList();

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(MAX_REQUEST_CHARS)
                    .maxNumberLength(32)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private UsageReader() {
    }

    static Usage read(String json) {
        return usage(parse(json));
    }

    /** Parses one JSON object with the limits of a request; refuses nothing about its fields. */
    static JsonNode parse(String json) {
        if (json == null) {
            throw new InvalidUsageException(WHOLE_REQUEST, "required: a JSON object", List.of());
        }
        if (json.length() > MAX_REQUEST_CHARS) {
            throw new InvalidUsageException(WHOLE_REQUEST, "too large (" + json.length() + " characters, at most "
                    + MAX_REQUEST_CHARS + ")", List.of());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new InvalidUsageException(WHOLE_REQUEST, "too deeply nested or too long: " + e.getOriginalMessage(),
                    List.of());
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field '")) {
                String field = message.substring("Duplicate field '".length(), message.indexOf('\'', 17));
                throw new InvalidUsageException(field, "appears twice", List.of());
            }
            throw new InvalidUsageException(WHOLE_REQUEST, "not valid JSON: " + message + location(e), List.of());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidUsageException(WHOLE_REQUEST, "empty: a JSON object is required", TOP_FIELDS);
        }
        return root;
    }

    static Usage usage(JsonNode root) {
        object(root, WHOLE_REQUEST, TOP_FIELDS);
        Tool tool = tool(required(root, "tool", "tool", List.of()));
        Hosting hosting = enumValue(required(root, "hosting", "hosting", Checks.names(Hosting.class)), "hosting",
                Hosting.class);
        JsonNode categoriesNode = required(root, "dataCategories", "dataCategories", Checks.names(DataCategory.class));
        if (!categoriesNode.isArray()) {
            throw new InvalidUsageException("dataCategories", "must be an array (possibly empty) of categories, got "
                    + kind(categoriesNode), Checks.names(DataCategory.class));
        }
        List<DataCategory> categories = new ArrayList<>();
        for (int i = 0; i < categoriesNode.size(); i++) {
            categories.add(enumValue(categoriesNode.get(i), "dataCategories[" + i + "]", DataCategory.class));
        }
        Purpose purpose = enumValue(required(root, "purpose", "purpose", Checks.names(Purpose.class)), "purpose",
                Purpose.class);
        JsonNode contextNode = root.get("context");
        Context context = contextNode == null || contextNode.isNull() ? Context.NOT_STATED : context(contextNode);
        return new Usage(tool, hosting, Usage.copyCategories(categories), purpose, context);
    }

    private static Tool tool(JsonNode node) {
        object(node, "tool", TOOL_FIELDS);
        JsonNode name = node.get("name");
        if (name == null || name.isNull()) {
            throw new InvalidUsageException("tool.name", "required: a non-blank text", List.of());
        }
        if (!name.isTextual()) {
            throw new InvalidUsageException("tool.name", "must be a text, got " + kind(name), List.of());
        }
        Boolean generative = bool(node, "generative", "tool.generative");
        JsonNode size = node.get("parametersBillions");
        Double parameters = null;
        if (size != null && !size.isNull()) {
            if (!size.isNumber()) {
                throw new InvalidUsageException("tool.parametersBillions", "must be a number, got " + kind(size),
                        List.of());
            }
            parameters = size.doubleValue();
        }
        return new Tool(name.asText(), generative == null || generative, parameters);
    }

    private static Context context(JsonNode node) {
        object(node, "context", CONTEXT_FIELDS);
        Context.Builder context = Context.builder();
        for (ContextField field : ContextField.all()) {
            JsonNode value = node.get(field.jsonName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (field.type() == Boolean.class) {
                context.set(field, bool(node, field.jsonName(), field.path()));
            } else {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object constant = enumValue(value, field.path(), (Class) field.type());
                context.set(field, constant);
            }
        }
        return context.build();
    }

    private static void object(JsonNode node, String path, List<String> fields) {
        if (!node.isObject()) {
            throw new InvalidUsageException(path, "must be a JSON object, got " + kind(node), fields);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            String name = entries.next().getKey();
            if (!fields.contains(name)) {
                String field = WHOLE_REQUEST.equals(path) ? name : path + "." + name;
                throw new InvalidUsageException(field, "unknown field", fields);
            }
        }
    }

    private static JsonNode required(JsonNode parent, String name, String path, List<String> accepted) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidUsageException(path, "required", accepted);
        }
        return node;
    }

    private static Boolean bool(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidUsageException(path, "must be true or false, got " + kind(node), List.of("true", "false"));
        }
        return node.booleanValue();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String path, Class<E> type) {
        List<String> accepted = Checks.names(type);
        if (node == null || node.isNull()) {
            throw new InvalidUsageException(path, "must not be null", accepted);
        }
        if (!node.isTextual()) {
            throw new InvalidUsageException(path, "must be a text, got " + kind(node), accepted);
        }
        String value = node.asText();
        if (!accepted.contains(value)) {
            throw new InvalidUsageException(path, quote(value) + " is not an accepted value", accepted);
        }
        return Enum.valueOf(type, value);
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }

    /** A JSON node's type in words, for messages. */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

}
