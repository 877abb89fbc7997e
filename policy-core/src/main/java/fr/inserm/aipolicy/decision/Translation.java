package fr.inserm.aipolicy.decision;

import java.util.Objects;

/**
 * An unofficial translation of a clause, shipped with the policy ({@code translations.json}) so that a
 * reader of the other language can follow it. It is not the source: {@link Clause#text()} stays the
 * source's words, and every channel shows a translation marked "unofficial translation" ("traduction
 * non officielle"), with the original beside it.
 *
 * @param language the language of {@link #text()}, as an ISO 639-1 code ({@code en} or {@code fr}): the
 *     language the clause's source is not written in
 * @param text the translation
 */
public record Translation(String language, String text) {

    /**
     * Checks that every field is present.
     *
     * @throws NullPointerException when a field is null
     */
    public Translation {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
    }
}
