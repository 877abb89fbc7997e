package fr.inserm.aipolicy;

import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Wording;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A language in which decisions can be explained: Inserm works in English and French.
 *
 * <p>The language changes the texts of reasons, obligations, advice, escalation contacts, clause
 * titles and suggested changes; clause texts stay in their source language.
 */
public enum Language {
    /** English, the language of {@link PolicyEngine#evaluate(Usage)}. */
    EN(Locale.ENGLISH),
    /** French. */
    FR(Locale.FRENCH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /**
     * The ISO 639-1 code of this language.
     *
     * @return {@code en} or {@code fr}
     */
    public String code() {
        return locale.getLanguage();
    }

    /**
     * The locale of this language, for formatting numbers.
     *
     * @return {@link Locale#ENGLISH} or {@link Locale#FRENCH}
     */
    public Locale locale() {
        return locale;
    }

    /**
     * The language of a locale; only its language part counts ({@code fr_CA} is French).
     *
     * @param locale the locale
     * @return the language
     * @throws InvalidUsageException naming the field {@code language} when the locale is neither English nor French
     * @throws NullPointerException when locale is null
     */
    public static Language of(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        return of(locale.getLanguage());
    }

    /**
     * The language of an ISO 639-1 code, in any case.
     *
     * @param code {@code en} or {@code fr}
     * @return the language
     * @throws InvalidUsageException naming the field {@code language} when the code is neither
     */
    public static Language of(String code) {
        for (Language language : values()) {
            if (language.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return language;
            }
        }
        String shown = code == null ? "null" : "\"" + (code.length() > 20 ? code.substring(0, 20) + "…" : code) + "\"";
        throw new InvalidUsageException("language", Wording.of("notAccepted", shown), codes());
    }

    /**
     * The codes of every language.
     *
     * @return {@code [en, fr]}
     */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Language::code).toList();
    }
}
