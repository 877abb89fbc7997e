package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import java.util.List;
import java.util.Map;

/**
 * A draft paragraph for the "Use of AI systems" section of a publication (Ethics memo E1.2), given
 * when the obligation {@code DISCLOSE_AI_USE} applies: the tool, its version, where it ran, its size,
 * the settings used, its role in the work and how its outputs were verified.
 *
 * <p>Facts the usage does not hold come from {@link DisclosureFacts}; each one missing leaves a
 * bracketed gap in the text and is listed in {@link #missing()}.
 *
 * @param headings the section heading, in every language
 * @param paragraphs the draft paragraph, in every language
 * @param missing the request fields whose facts are missing, for example {@code disclosure.role}
 * @param clauses the clauses of the obligation, for example {@code R6.2} and {@code E1.2}
 */
public record Disclosure(Map<Language, String> headings, Map<Language, String> paragraphs, List<String> missing,
        List<String> clauses) {

    /** Copies the texts and lists. */
    public Disclosure {
        headings = Map.copyOf(headings);
        paragraphs = Map.copyOf(paragraphs);
        missing = List.copyOf(missing);
        clauses = List.copyOf(clauses);
    }

    /**
     * The draft paragraph in one language.
     *
     * @param language the language
     * @return the paragraph
     */
    public String paragraph(Language language) {
        return paragraphs.get(language);
    }

    /**
     * The section heading in one language.
     *
     * @param language the language
     * @return {@code Use of AI systems} or its French equivalent
     */
    public String heading(Language language) {
        return headings.get(language);
    }
}
