package fr.inserm.aipolicy.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
     * Reads the JSON value of a text.
     *
     * @return the value, or {@code null} for a text with no value
     * @throws JsonParseFailure when the text is not JSON, or holds more than one value: where, and what
     *     is wrong in plain words
     */
    static JsonTree parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token = parser.nextToken();
            JsonTree value = token == null ? null : read(parser, token);
            if (value != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new JsonParseFailure(at.getLineNr(), at.getColumnNr(), "more text after the end of the JSON value"
                        + " (one object is expected, from { to its matching })");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new JsonParseFailure(at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                    plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to be read
        }
    }

    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.+?)' \\(code (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']*)'");

    /** What the parser found wrong, in plain words: never its own sentences. */
    static String plain(String parser) {
        String message = parser == null ? "" : parser;
        Matcher character = CHARACTER.matcher(message);
        String found = character.find() ? describe(Integer.parseInt(character.group(2))) : null;
        if (message.startsWith("Unexpected end-of-input")) {
            return "the file ends before every { and [ is closed";
        }
        if (message.contains("was expecting comma")) {
            return found + " where a comma or a closing bracket was expected (a comma is missing between two values?)";
        }
        if (message.contains("was expecting double-quote to start field name")) {
            return found + " where a field name in double quotes was expected (a comma too many before }, or a name"
                    + " without quotes?)";
        }
        if (message.contains("was expecting a colon")) {
            return found + " where a colon was expected after a field name";
        }
        if (message.startsWith("Unexpected close marker")) {
            return "a closing bracket that does not match the one opened (] for [, } for {)";
        }
        Matcher token = TOKEN.matcher(message);
        if (token.find()) {
            return "\"" + token.group(1) + "\" is not a JSON value (a text needs double quotes; true, false and null are"
                    + " written in lower case)";
        }
        if (message.contains("Illegal unquoted character") || message.contains("control character")) {
            return "a control character (a tab or a line break) inside a text: write it as \\t or \\n";
        }
        if (message.contains("Unrecognized character escape")) {
            return "an unknown escape in a text (a backslash is written \\\\)";
        }
        if (message.contains("numeric value") || message.contains("Leading zeroes") || message.contains("Non-standard token")) {
            return "a malformed number";
        }
        if (found != null) {
            return found + " where a value was expected";
        }
        return "the text is not valid JSON here";
    }

    /** A character for a message: "the character ')'" or "U+00A0 NO-BREAK SPACE". */
    private static String describe(int cp) {
        if (cp > 0x20 && cp < 0x7F) {
            return "the character '" + (char) cp + "'";
        }
        String name = Character.getName(cp);
        return String.format(java.util.Locale.ROOT, "the character U+%04X%s", cp, name == null ? "" : " " + name);
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

    /** The text is not JSON: where (line and column from 1, or -1 when unknown) and what is wrong, in plain words. */
    static final class JsonParseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        JsonParseFailure(int line, int column, String problem) {
            super(problem, null, false, false);
            this.line = line;
            this.column = column;
        }

        /** "line 12, column 5", or empty when the parser did not say. */
        String where() {
            return line < 0 ? "" : "line " + line + (column < 0 ? "" : ", column " + column);
        }
    }
}
