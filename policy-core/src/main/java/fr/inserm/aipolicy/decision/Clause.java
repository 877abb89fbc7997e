package fr.inserm.aipolicy.decision;

import java.util.Objects;

/**
 * A clause of the source texts that a decision cites (the policy (docs/policy.md)).
 *
 * @param id the clause identifier, for example {@code R4.1}, {@code E1.2} or {@code CNIL-4}
 * @param source the document the clause comes from
 * @param section the section of that document
 * @param title a short English title
 * @param language the language of {@link #text()}, as an ISO 639-1 code ({@code en} or {@code fr})
 * @param text the clause as written in the source, in the source's language
 */
public record Clause(String id, String source, String section, String title, String language, String text) {

    /**
     * Checks that every field is present.
     *
     * @throws NullPointerException when a field is null
     */
    public Clause {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
    }
}
