package fr.inserm.aipolicy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks lines of the decision log against its schema ({@code fr/inserm/aipolicy/event/decision-log.schema.json}
 * in policy-core): the subset of JSON Schema it uses (type, required, enum, pattern, maxLength,
 * items, additionalProperties), read from the schema file itself, so that the file and the check
 * cannot drift apart.
 */
public final class DecisionLogRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = schema();

    private DecisionLogRecords() {
    }

    private static JsonNode schema() {
        try (InputStream in = DecisionLogRecords.class.getClassLoader()
                .getResourceAsStream("fr/inserm/aipolicy/event/decision-log.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("decision-log.schema.json is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one line of the log and checks it against the schema.
     *
     * @param line one line of the decision log
     * @return the record, read
     * @throws AssertionError naming the field and what is wrong when the line does not fit the schema
     */
    public static JsonNode check(String line) {
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
        List<String> problems = new ArrayList<>();
        check(record, SCHEMA, "", problems);
        if (!problems.isEmpty()) {
            throw new AssertionError("the decision log record does not fit its schema: " + problems + "\n" + line);
        }
        return record;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        JsonNode type = schema.get("type");
        if (type != null && !typeFits(value, type)) {
            problems.add(path + ": not of type " + type);
            return;
        }
        JsonNode values = schema.get("enum");
        if (values != null) {
            boolean found = false;
            for (JsonNode v : values) {
                found |= v.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is none of " + values);
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            problems.add(path + ": " + value + " does not match " + schema.get("pattern").asText());
        }
        if (schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
            problems.add(path + ": longer than " + schema.get("maxLength").asInt());
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
            }
        }
        if (value.isObject()) {
            if (schema.has("required")) {
                for (JsonNode name : schema.get("required")) {
                    if (!value.has(name.asText())) {
                        problems.add(path + "/" + name.asText() + ": missing");
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode fieldSchema = properties == null ? null : properties.get(field.getKey());
                if (fieldSchema != null) {
                    check(field.getValue(), fieldSchema, path + "/" + field.getKey(), problems);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(path + "/" + field.getKey() + ": a field the log must not hold");
                } else if (additional != null && additional.isObject()) {
                    check(field.getValue(), additional, path + "/" + field.getKey(), problems);
                }
            }
        }
    }

    private static boolean typeFits(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeFits(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "number" -> value.isNumber();
            default -> false;
        };
    }
}
