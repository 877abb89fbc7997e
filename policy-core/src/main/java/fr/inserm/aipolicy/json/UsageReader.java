package fr.inserm.aipolicy.json;

import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import fr.inserm.aipolicy.usage.Wording;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.EnumSet;
import java.util.Arrays;
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

    /** Longest number a request may hold, in characters: more is refused naming its field. */
    static final int MAX_NUMBER_LENGTH = 32;
    private static final int MAX_DEPTH = 16;
    // Duplicates and over-long numbers are checked below, where the field's full path is known.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_REQUEST_CHARS)
                    .maxNumberLength(MAX_REQUEST_CHARS)
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private UsageReader() {
    }

    static Usage read(String json) {
        return usage(parse(json));
    }

    /**
     * Parses one JSON value with the limits of a request, and refuses what the tree would hide: a field
     * given twice (named by its full path, such as {@code tool.name}), a number too long to be one,
     * trailing content. Messages are in plain words, with no parser class or option names.
     */
    static JsonNode parse(String json) {
        if (json == null) {
            throw new InvalidUsageException(WHOLE_REQUEST, Wording.of("required.jsonObject"), List.of());
        }
        if (json.length() > MAX_REQUEST_CHARS) {
            throw new InvalidUsageException(WHOLE_REQUEST, Wording.of("tooLarge", json.length(), MAX_REQUEST_CHARS),
                    List.of());
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidUsageException(WHOLE_REQUEST, Wording.of("json.empty"), TOP_FIELDS);
            }
            JsonNode root = value(parser, first, "");
            if (parser.nextToken() != null) {
                throw new InvalidUsageException(WHOLE_REQUEST,
                        Wording.of("json.trailing", locationSuffix(parser.currentLocation())), List.of());
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new InvalidUsageException(WHOLE_REQUEST, Wording.of("json.tooDeep", MAX_DEPTH), List.of());
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (java.io.IOException e) {
            throw new InvalidUsageException(WHOLE_REQUEST, Wording.of("json.notReadable", e.getClass().getSimpleName()),
                    List.of());
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token, String path) throws java.io.IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    String field = path.isEmpty() ? name : path + "." + name;
                    JsonNode child = value(parser, parser.nextToken(), field);
                    if (object.has(name)) {
                        throw new InvalidUsageException(field, Wording.of("appearsTwice"), List.of());
                    }
                    object.set(name, child);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t, path + "[" + index++ + "]"));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                if (parser.getTextLength() > MAX_NUMBER_LENGTH) {
                    throw new InvalidUsageException(path.isEmpty() ? WHOLE_REQUEST : path,
                            Wording.of("json.numberTooLong", parser.getTextLength(), MAX_NUMBER_LENGTH), List.of());
                }
                try {
                    // a huge exponent reads as infinity, which every numeric field refuses with its range
                    return NODES.numberNode(parser.getDoubleValue());
                } catch (NumberFormatException e) {
                    throw new InvalidUsageException(path.isEmpty() ? WHOLE_REQUEST : path,
                            Wording.of("json.numberUnreadable"), List.of());
                }
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new InvalidUsageException(path.isEmpty() ? WHOLE_REQUEST : path, Wording.of("json.invalid"),
                    List.of());
        }
    }

    /** A parse error in plain words, naming the field being read when there is one. */
    private static InvalidUsageException notJson(JsonProcessingException e) {
        String path = WHOLE_REQUEST;
        String problem = "json.invalid";
        String character = "";
        if (e.getProcessor() instanceof JsonParser parser) {
            String at = path(parser.getParsingContext());
            if (!at.isEmpty()) {
                path = at;
            }
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.contains("Non-standard token") || original.contains("NaN") || original.contains("Infinity")) {
            problem = "json.nanInfinity";
        } else if (original.startsWith("Unexpected end-of-input")) {
            problem = "json.endsEarly";
        } else if (original.startsWith("Unexpected character")) {
            int quote = original.indexOf('\'');
            int end = quote < 0 ? -1 : original.indexOf('\'', quote + 1);
            problem = "json.unexpectedCharacter";
            character = end > quote ? " " + original.substring(quote, end + 1) : "";
        } else if (original.startsWith("Unrecognized token")) {
            problem = "json.unrecognizedToken";
        } else if (original.contains("control character")) {
            problem = "json.controlCharacter";
        } else if (original.startsWith("Invalid UTF-8") || original.contains("UTF-8")) {
            problem = "json.notUtf8";
        }
        Wording wording = problem.equals("json.unexpectedCharacter") ? Wording.of(problem, character) : Wording.of(problem);
        if (!path.equals(WHOLE_REQUEST) && !problem.equals("json.nanInfinity")) {
            // every problem but the number's is "not valid JSON": the request, while reading the field
            wording = Wording.of("json.whileReading", wording, path);
            path = WHOLE_REQUEST;
        }
        return new InvalidUsageException(path, Wording.of("then", wording, locationSuffix(e.getLocation())),
                List.of());
    }

    /** The full path of where a parser is, such as {@code tool.name} or {@code dataCategories[1]}. */
    private static String path(JsonStreamContext context) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    static Usage usage(JsonNode root) {
        object(root, WHOLE_REQUEST, TOP_FIELDS);
        Tool tool = tool(required(root, "tool", "tool", List.of()));
        Hosting hosting = enumValue(required(root, "hosting", "hosting", names(Hosting.class)), "hosting",
                Hosting.class);
        JsonNode categoriesNode = required(root, "dataCategories", "dataCategories", names(DataCategory.class));
        if (!categoriesNode.isArray()) {
            throw new InvalidUsageException("dataCategories", Wording.of("mustBeCategories", kind(categoriesNode)),
                    names(DataCategory.class));
        }
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (int i = 0; i < categoriesNode.size(); i++) {
            categories.add(enumValue(categoriesNode.get(i), "dataCategories[" + i + "]", DataCategory.class));
        }
        Purpose purpose = enumValue(required(root, "purpose", "purpose", names(Purpose.class)), "purpose",
                Purpose.class);
        JsonNode contextNode = root.get("context");
        Context context = contextNode == null || contextNode.isNull() ? Context.NOT_STATED : context(contextNode);
        return new Usage(tool, hosting, categories, purpose, context);
    }

    private static Tool tool(JsonNode node) {
        object(node, "tool", TOOL_FIELDS);
        JsonNode name = node.get("name");
        if (name == null || name.isNull()) {
            throw new InvalidUsageException("tool.name", Wording.of("required.text"), List.of());
        }
        if (!name.isTextual()) {
            throw new InvalidUsageException("tool.name", Wording.of("mustBeText", kind(name)), List.of());
        }
        Boolean generative = bool(node, "generative", "tool.generative");
        JsonNode size = node.get("parametersBillions");
        Double parameters = null;
        if (size != null && !size.isNull()) {
            if (!size.isNumber()) {
                throw new InvalidUsageException("tool.parametersBillions", Wording.of("mustBeNumber", kind(size)),
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
            throw new InvalidUsageException(path, Wording.of("mustBeObject", kind(node)), fields);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            String name = entries.next().getKey();
            if (!fields.contains(name)) {
                String field = WHOLE_REQUEST.equals(path) ? name : path + "." + name;
                throw new InvalidUsageException(field, Wording.of("unknownField"), fields);
            }
        }
    }

    private static JsonNode required(JsonNode parent, String name, String path, List<String> accepted) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidUsageException(path, Wording.of("required"), accepted);
        }
        return node;
    }

    private static Boolean bool(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidUsageException(path, Wording.of("mustBeBoolean", kind(node)), List.of("true", "false"));
        }
        return node.booleanValue();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String path, Class<E> type) {
        List<String> accepted = names(type);
        if (node == null || node.isNull()) {
            throw new InvalidUsageException(path, Wording.of("mustNotBeNull"), accepted);
        }
        if (!node.isTextual()) {
            throw new InvalidUsageException(path, Wording.of("mustBeText", kind(node)), accepted);
        }
        String value = node.asText();
        if (!accepted.contains(value)) {
            throw new InvalidUsageException(path, Wording.of("notAccepted", quote(value)), accepted);
        }
        return Enum.valueOf(type, value);
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }

    /** A JSON node's type in words, for messages, in the refusal's language. */
    static Object kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> Wording.of("kind.array");
            case OBJECT -> Wording.of("kind.object");
            case STRING -> Wording.of("kind.text");
            case NUMBER -> Wording.of("kind.number");
            case BOOLEAN -> Wording.of("kind.boolean");
            case NULL -> Wording.of("kind.null");
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** " (line 1, column 7)" in the refusal's language, or nothing when the parser does not know where. */
    private static Object locationSuffix(com.fasterxml.jackson.core.JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : Wording.of("json.atSuffix", location.getLineNr(), location.getColumnNr());
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}
