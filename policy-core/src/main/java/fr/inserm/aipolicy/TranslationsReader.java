package fr.inserm.aipolicy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Translation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code translations.json}, the unofficial translation of every clause into the language its
 * source is not written in, and joins it to the catalogue. Complete or refused: a clause without a
 * translation, a translation of a clause the catalogue lacks, one given twice or in the source's own
 * language fails the engine's build, so a reader is never left with an untranslated clause.
 *
 * <p>A policy that speaks French ({@code messages_fr.properties}) must have the file; a policy in
 * English only may leave it out.
 */
final class TranslationsReader {
    /** The file's name in a policy folder. */
    static final String FILE = "translations.json";
    private static final List<String> FIELDS = List.of("id", "language", "text");
    private static final JsonFactory FACTORY = new JsonFactory();

    private TranslationsReader() {
    }

    /**
     * The catalogue with each clause's translation, or the catalogue as it is when the policy has no
     * translations and does not speak French.
     */
    static List<Clause> join(PolicyFiles files, List<Clause> catalogue) {
        String json = files.files().get(FILE);
        if (json == null) {
            if (files.files().containsKey(PolicyTexts.MESSAGES_FR)) {
                throw new PolicyBuildException("the policy at " + files.origin() + " has " + PolicyTexts.MESSAGES_FR
                        + " but not " + FILE + ": a policy in two languages translates every clause");
            }
            return catalogue;
        }
        Map<String, Translation> translations = read(json, files.origin() + "/" + FILE, catalogue);
        return catalogue.stream().map(c -> new Clause(c.id(), c.source(), c.section(), c.title(), c.language(),
                c.text(), translations.get(c.id()))).toList();
    }

    static Map<String, Translation> read(String json, String where, List<Clause> catalogue) {
        List<Map<String, String>> entries;
        try (JsonParser parser = FACTORY.createParser(json)) {
            entries = entries(parser);
        } catch (JsonProcessingException e) {
            throw new PolicyBuildException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to be read
        }
        if (entries == null) {
            throw new PolicyBuildException(where + " must be an object with a \"translations\" array");
        }
        Map<String, Clause> byId = new HashMap<>();
        catalogue.forEach(c -> byId.put(c.id(), c));
        Map<String, Translation> translations = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> entry = entries.get(i);
            String id = entry.get("id");
            String at = where + ": translations[" + i + "]" + (id == null ? "" : " (" + id + ")");
            for (String field : FIELDS) {
                String value = entry.get(field);
                if (value == null || value.isBlank()) {
                    throw new PolicyBuildException(at + " has no text field \"" + field + "\"");
                }
            }
            Clause clause = byId.get(id);
            if (clause == null) {
                throw new PolicyBuildException(at + " translates clause " + id + ", which the catalogue lacks");
            }
            String language = entry.get("language");
            if (!Language.codes().contains(language)) {
                throw new PolicyBuildException(at + ": language \"" + language + "\" is not one of " + Language.codes());
            }
            if (language.equals(clause.language())) {
                throw new PolicyBuildException(at + " is in " + language + ", the language of the clause's source:"
                        + " a translation is into the other language");
            }
            if (translations.put(id, new Translation(language, entry.get("text"))) != null) {
                throw new PolicyBuildException(where + ": clause " + id + " is translated twice");
            }
        }
        Set<String> missing = new TreeSet<>(byId.keySet());
        missing.removeAll(translations.keySet());
        if (!missing.isEmpty()) {
            throw new PolicyBuildException(where + " has no translation of clause" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ": every clause of the catalogue is translated");
        }
        return translations;
    }

    /** The {@code translations} array of the root object, each entry as its text fields; null when absent. */
    private static List<Map<String, String>> entries(JsonParser parser) throws IOException {
        List<Map<String, String>> entries = null;
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals("translations") || value != JsonToken.START_ARRAY) {
                if (name.equals("translations")) {
                    entries = null;
                }
                parser.skipChildren();
                continue;
            }
            entries = CatalogueReader.objects(parser);
        }
        return entries;
    }
}
