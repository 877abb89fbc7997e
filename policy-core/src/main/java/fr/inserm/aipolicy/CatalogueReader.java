package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Clause;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and checks {@code catalogue.json}: every clause complete, every id once. */
final class CatalogueReader {
    private static final List<String> FIELDS = List.of("id", "source", "section", "title", "language", "text");

    private CatalogueReader() {
    }

    static List<Clause> read(String json, String origin) {
        String where = origin + "/" + PolicyFiles.CATALOGUE_FILE;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new PolicyBuildException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode clauses = root == null ? null : root.get("clauses");
        if (clauses == null || !clauses.isArray() || clauses.isEmpty()) {
            throw new PolicyBuildException(where + " must be an object with a non-empty \"clauses\" array");
        }
        List<Clause> catalogue = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < clauses.size(); i++) {
            JsonNode node = clauses.get(i);
            List<String> values = new ArrayList<>();
            for (String field : FIELDS) {
                JsonNode value = node.get(field);
                if (value == null || !value.isTextual() || value.asText().isBlank()) {
                    throw new PolicyBuildException(where + ": clauses[" + i + "]" + idOf(node) + " has no text field \""
                            + field + "\"");
                }
                values.add(value.asText());
            }
            if (!ids.add(values.get(0))) {
                throw new PolicyBuildException(where + ": clause " + values.get(0) + " appears twice");
            }
            catalogue.add(new Clause(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4),
                    values.get(5)));
        }
        return List.copyOf(catalogue);
    }

    private static String idOf(JsonNode node) {
        JsonNode id = node.get("id");
        return id != null && id.isTextual() ? " (" + id.asText() + ")" : "";
    }
}
