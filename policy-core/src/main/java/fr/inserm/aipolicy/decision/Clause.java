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
 * @param translation an unofficial translation of {@link #text()} into the other language, or {@code null}
 *     for a policy that ships none (the bundled policy translates every clause)
 */
public record Clause(String id, String source, String section, String title, String language, String text,
        Translation translation) {

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

    /**
     * A clause without a translation.
     *
     * @param id the clause identifier
     * @param source the document the clause comes from
     * @param section the section of that document
     * @param title a short title
     * @param language the language of {@code text}
     * @param text the clause as written in the source
     * @throws NullPointerException when a field is null
     */
    public Clause(String id, String source, String section, String title, String language, String text) {
        this(id, source, section, title, language, text, null);
    }

    /**
     * The same clause under another title (a title in the reader's language); its text and translation unchanged.
     *
     * @param otherTitle the title
     * @return the clause with that title
     */
    public Clause withTitle(String otherTitle) {
        return new Clause(id, source, section, otherTitle, language, text, translation);
    }

    /**
     * The clause's words for a reader of a language: the source's when it is written in that language,
     * otherwise the translation when there is one.
     *
     * @param code an ISO 639-1 code, {@code en} or {@code fr}
     * @return the text in that language, or empty when the source is in the other language and untranslated
     */
    public java.util.Optional<String> textIn(String code) {
        if (language.equalsIgnoreCase(code)) {
            return java.util.Optional.of(text);
        }
        return translation != null && translation.language().equalsIgnoreCase(code)
                ? java.util.Optional.of(translation.text()) : java.util.Optional.empty();
    }

    /**
     * Whether a reader of a language reads this clause in a translation rather than in the source's words.
     *
     * @param code an ISO 639-1 code, {@code en} or {@code fr}
     * @return whether the source is in another language and a translation into {@code code} exists
     */
    public boolean translatedFor(String code) {
        return !language.equalsIgnoreCase(code) && translation != null && translation.language().equalsIgnoreCase(code);
    }
}
