package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import java.util.Map;
import java.util.Objects;

/**
 * One change to a described usage, part of an {@link Alternative}.
 *
 * @param field the field changed, as a path of the JSON request: {@code hosting},
 *     {@code dataCategories} or {@code context.dpiaCompleted} for example
 * @param from the value before the change (an enumeration name, {@code true} or {@code false}), or
 *     null when it was not stated
 * @param to the value after the change, or null when the change removes {@code from} (a data category)
 * @param texts what to do, for a person, in every {@link Language}
 */
public record Change(String field, String from, String to, Map<Language, String> texts) {

    /**
     * Checks the field and copies the texts.
     *
     * @throws IllegalArgumentException when a language lacks its text
     */
    public Change {
        Objects.requireNonNull(field, "field");
        texts = Map.copyOf(texts);
        for (Language language : Language.values()) {
            if (!texts.containsKey(language)) {
                throw new IllegalArgumentException("change of " + field + " has no text in " + language);
            }
        }
    }

    /**
     * What to do, in one language.
     *
     * @param language the language
     * @return the text
     */
    public String text(Language language) {
        return texts.get(language);
    }
}
