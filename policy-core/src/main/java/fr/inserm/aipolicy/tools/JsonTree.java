package fr.inserm.aipolicy.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read with Jackson's streaming parser alone, for the policy's own files. Reading them
 * through Jackson's object mapper loaded about 480 classes and cost 180 to 330 ms of every engine's
 * build on this machine type; the files need only this much of a tree. A key given twice keeps its
 * last value, as the object mapper's tree did.
 */
final class JsonTree implements Iterable<JsonTree> {
    private static final JsonFactory FACTORY = new JsonFactory();

    private enum Kind {
        OBJECT, ARRAY, TEXT, NUMBER, BOOLEAN, NULL
    }

    private final Kind kind;
    private final Object value;
    private final String text;

    private JsonTree(Kind kind, Object value, String text) {
        this.kind = kind;
        this.value = value;
        this.text = text;
    }

    /**
     * Reads the first JSON value of a text.
     *
     * @return the value, or {@code null} for a text with no value
     * @throws JsonParseFailure when the text is not JSON, with the parser's own words
     */
    static JsonTree parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token = parser.nextToken();
            return token == null ? null : read(parser, token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new JsonParseFailure(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to be read
        }
    }

    private static JsonTree read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, JsonTree> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    fields.put(name, read(parser, parser.nextToken()));
                }
                return new JsonTree(Kind.OBJECT, Collections.unmodifiableMap(fields), "");
            }
            case START_ARRAY -> {
                List<JsonTree> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(read(parser, next));
                }
                return new JsonTree(Kind.ARRAY, Collections.unmodifiableList(items), "");
            }
            case VALUE_STRING -> {
                return new JsonTree(Kind.TEXT, null, parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonTree(Kind.NUMBER, parser.getDoubleValue(), parser.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new JsonTree(Kind.BOOLEAN, token == JsonToken.VALUE_TRUE, parser.getText());
            }
            default -> {
                return new JsonTree(Kind.NULL, null, "null");
            }
        }
    }

    boolean isObject() {
        return kind == Kind.OBJECT;
    }

    boolean isArray() {
        return kind == Kind.ARRAY;
    }

    boolean isTextual() {
        return kind == Kind.TEXT;
    }

    boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    boolean isBoolean() {
        return kind == Kind.BOOLEAN;
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The text of a text, number or boolean; {@code "null"} for null, empty for an object or array. */
    String asText() {
        return text;
    }

    double doubleValue() {
        return kind == Kind.NUMBER ? (Double) value : 0;
    }

    boolean booleanValue() {
        return kind == Kind.BOOLEAN && (Boolean) value;
    }

    /** A field of an object; {@code null} when absent or when this is not an object. */
    JsonTree get(String field) {
        return kind == Kind.OBJECT ? fields().get(field) : null;
    }

    /** The field names of an object, in the file's order. */
    Iterator<String> fieldNames() {
        return kind == Kind.OBJECT ? fields().keySet().iterator() : Collections.emptyIterator();
    }

    int size() {
        return kind == Kind.OBJECT ? fields().size() : kind == Kind.ARRAY ? items().size() : 0;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    JsonTree get(int index) {
        return items().get(index);
    }

    /** An array's items, or an object's values. */
    @Override
    public Iterator<JsonTree> iterator() {
        return kind == Kind.ARRAY ? items().iterator()
                : kind == Kind.OBJECT ? fields().values().iterator() : Collections.emptyIterator();
    }

    @SuppressWarnings("unchecked")
    private Map<String, JsonTree> fields() {
        return (Map<String, JsonTree>) value;
    }

    @SuppressWarnings("unchecked")
    private List<JsonTree> items() {
        return (List<JsonTree>) value;
    }

    /** The value as JSON, as error messages quote it. */
    @Override
    public String toString() {
        return switch (kind) {
            case TEXT -> "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
            case OBJECT -> "{...}";
            case ARRAY -> "[...]";
            default -> text;
        };
    }

    /** The text is not JSON; the message is the parser's. */
    static final class JsonParseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JsonParseFailure(String message) {
            super(message);
        }
    }
}
