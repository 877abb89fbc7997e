package fr.inserm.aipolicy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import fr.inserm.aipolicy.decision.Clause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks {@code catalogue.json}: every clause complete, every id once. It reads with
 * Jackson's streaming parser alone: the object mapper cost every engine's build some 480 classes and
 * 180 to 330 ms on this machine type, for a file of texts.
 */
final class CatalogueReader {
    private static final List<String> FIELDS = List.of("id", "source", "section", "title", "language", "text");
    private static final JsonFactory FACTORY = new JsonFactory();

    private CatalogueReader() {
    }

    static List<Clause> read(String json, String origin) {
        String where = origin + "/" + PolicyFiles.CATALOGUE_FILE;
        List<Map<String, String>> clauses;
        try (JsonParser parser = FACTORY.createParser(json)) {
            clauses = clauses(parser);
        } catch (JsonProcessingException e) {
            throw new PolicyBuildException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to be read
        }
        if (clauses == null || clauses.isEmpty()) {
            throw new PolicyBuildException(where + " must be an object with a non-empty \"clauses\" array");
        }
        List<Clause> catalogue = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < clauses.size(); i++) {
            Map<String, String> clause = clauses.get(i);
            List<String> values = new ArrayList<>();
            for (String field : FIELDS) {
                String value = clause.get(field);
                if (value == null || value.isBlank()) {
                    String id = clause.get("id");
                    throw new PolicyBuildException(where + ": clauses[" + i + "]" + (id == null ? "" : " (" + id + ")")
                            + " has no text field \"" + field + "\"");
                }
                values.add(value);
            }
            if (!ids.add(values.get(0))) {
                throw new PolicyBuildException(where + ": clause " + values.get(0) + " appears twice");
            }
            catalogue.add(new Clause(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4),
                    values.get(5)));
        }
        return List.copyOf(catalogue);
    }

    /**
     * The {@code clauses} array of the root object, each clause as its text fields (a field that is not a
     * text maps to {@code null}); {@code null} when there is no such array. A key given twice keeps its
     * last value.
     */
    private static List<Map<String, String>> clauses(JsonParser parser) throws IOException {
        List<Map<String, String>> clauses = null;
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals("clauses")) {
                parser.skipChildren();
            } else if (value != JsonToken.START_ARRAY) {
                clauses = null;
                parser.skipChildren();
            } else {
                clauses = objects(parser);
            }
        }
        return clauses;
    }

    /**
     * The array the parser stands at (its {@code [} just read), each element as its text fields (a field
     * of another type maps to null, an element that is not an object to no fields): the catalogue's
     * clauses and the translations are read alike, and checked by their readers.
     */
    static List<Map<String, String>> objects(JsonParser parser) throws IOException {
        List<Map<String, String>> objects = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            Map<String, String> fields = new HashMap<>();
            if (item == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    fields.put(field, parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null);
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
            objects.add(fields);
        }
        return objects;
    }
}
