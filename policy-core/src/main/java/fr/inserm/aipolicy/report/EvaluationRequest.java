package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.Usage;
import java.util.List;
import java.util.Objects;

/**
 * A usage with what the caller wants beside the plain {@link Decision}: the language of the texts,
 * the alternatives that would make it allowed, and facts for a disclosure paragraph. Read from JSON
 * by {@code PolicyJson.readRequest(String, ToolCatalogue)}, decided by {@link PolicyReports#report(EvaluationRequest)}.
 *
 * @param usage the described usage
 * @param language the language of the texts, or null when the caller did not choose one (English is used)
 * @param alternatives whether to search for the changes that would make a DENY or ESCALATE allowed
 * @param disclosure facts for the disclosure paragraph, or null when the caller gave none
 * @param completedFromCatalogue the usage fields the request left out and the tool catalogue filled
 * @param strict whether the decision is strict: an ALLOW that rests on an assumption becomes ESCALATE
 *     in, for example {@code hosting} or {@code tool.parametersBillions}
 */
public record EvaluationRequest(Usage usage, Language language, boolean alternatives, DisclosureFacts disclosure,
        List<String> completedFromCatalogue, boolean strict) {

    /**
     * A request that is not strict.
     *
     * @param usage see {@link #usage()}
     * @param language see {@link #language()}
     * @param alternatives see {@link #alternatives()}
     * @param disclosure see {@link #disclosure()}
     * @param completedFromCatalogue see {@link #completedFromCatalogue()}
     */
    public EvaluationRequest(Usage usage, Language language, boolean alternatives, DisclosureFacts disclosure,
            List<String> completedFromCatalogue) {
        this(usage, language, alternatives, disclosure, completedFromCatalogue, false);
    }

    /** Checks the usage and copies the list. */
    public EvaluationRequest {
        Objects.requireNonNull(usage, "usage");
        completedFromCatalogue = List.copyOf(completedFromCatalogue);
    }

    /**
     * A request for the decision of a usage alone.
     *
     * @param usage the usage
     * @return the request, with no language chosen, no alternatives and no disclosure facts
     */
    public static EvaluationRequest of(Usage usage) {
        return new EvaluationRequest(usage, null, false, null, List.of());
    }

    /**
     * The same request in a language.
     *
     * @param value the language
     * @return a new request
     */
    public EvaluationRequest inLanguage(Language value) {
        return new EvaluationRequest(usage, Objects.requireNonNull(value, "language"), alternatives, disclosure,
                completedFromCatalogue, strict);
    }

    /**
     * The same request, asking (or not) for alternatives.
     *
     * @param value true to search for alternatives
     * @return a new request
     */
    public EvaluationRequest withAlternatives(boolean value) {
        return new EvaluationRequest(usage, language, value, disclosure, completedFromCatalogue, strict);
    }

    /**
     * The same request with facts for the disclosure paragraph.
     *
     * @param value the facts
     * @return a new request
     */
    public EvaluationRequest withDisclosure(DisclosureFacts value) {
        return new EvaluationRequest(usage, language, alternatives, Objects.requireNonNull(value, "disclosure"),
                completedFromCatalogue, strict);
    }

    /**
     * This request, strict or not (the policy (docs/policy.md): a strict decision allows nothing that rests on an
     * assumption).
     *
     * @param value whether to decide strictly
     * @return a new request
     */
    public EvaluationRequest strict(boolean value) {
        return new EvaluationRequest(usage, language, alternatives, disclosure, completedFromCatalogue, value);
    }

    /**
     * The request's language, English when none was asked for.
     *
     * @return the language
     */
    public Language languageOrDefault() {
        return language == null ? Language.EN : language;
    }

    /**
     * Tells whether the request asks for more than the plain decision of its usage: a language, the
     * alternatives, disclosure facts, or fields completed from the tool catalogue. A tool answering
     * a plain request prints the plain decision, unchanged.
     *
     * @return true when anything beyond the usage was asked or filled in
     */
    public boolean extended() {
        return language != null || alternatives || disclosure != null || !completedFromCatalogue.isEmpty();
    }
}
