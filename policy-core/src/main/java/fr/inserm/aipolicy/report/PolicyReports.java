package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decisions people can act on, over any {@link PolicyEngine}: the texts in English or French, the
 * smallest changes that would make a use allowed, the draft disclosure paragraph, the frugality
 * figures, and all of it at once ({@link #report(EvaluationRequest)}). It decides only through the
 * engine's {@link PolicyEngine#evaluate(Usage, boolean)} and reads the texts of its
 * {@link PolicyEngine#policy()}, so it works over a cache, a decorator or a test double alike.
 */
public final class PolicyReports {
    private final PolicyEngine engine;

    private PolicyReports(PolicyEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The reports of an engine.
     *
     * @param engine any engine
     * @return its reports
     */
    public static PolicyReports of(PolicyEngine engine) {
        return new PolicyReports(engine);
    }

    /**
     * Decides one usage and gives the texts of the decision in a language: reasons, obligations,
     * advice, assumptions and clause titles (clause texts stay in their source language). In English,
     * the same decision as {@link PolicyEngine#evaluate(Usage)}.
     *
     * @param usage the described usage
     * @param locale the language, English or French (only the language part counts)
     * @return the decision
     * @throws InvalidUsageException when the locale is neither English nor French (field
     *     {@code language}), or the tool catalogue refuses the usage
     * @throws UnsupportedOperationException when the policy lacks that language's texts
     */
    public Decision evaluate(Usage usage, Locale locale) {
        return Reports.evaluate(engine, usage, false, Language.of(locale));
    }

    /**
     * Decides one usage, strictly or not, and gives the texts of the decision in a language.
     *
     * @param usage the described usage
     * @param strict whether to decide strictly
     * @param locale the language, English or French
     * @return the decision
     * @throws InvalidUsageException when the locale is neither English nor French, or the tool
     *     catalogue refuses the usage
     * @throws UnsupportedOperationException when the policy lacks that language's texts
     */
    public Decision evaluate(Usage usage, boolean strict, Locale locale) {
        return Reports.evaluate(engine, usage, strict, Language.of(locale));
    }

    /**
     * The smallest changes to a usage that would make it allowed, found by deciding variants of it with
     * the same rules: another hosting, leaving out a data category, doing what the rules ask for (a
     * DPIA, an expert review…) or giving up what they object to. Single changes and pairs; three
     * changes only when no single change or pair works.
     *
     * @param usage the described usage
     * @return the alternatives, fewest changes first; empty when the usage is already allowed
     * @throws InvalidUsageException when the tool catalogue refuses the usage
     */
    public List<Alternative> alternatives(Usage usage) {
        return Reports.alternatives(engine, usage);
    }

    /**
     * A draft paragraph describing the use of AI (for a publication's "Use of AI systems" section, or
     * any document), in English and French, when the obligation {@code DISCLOSE_AI_USE} applies.
     *
     * @param usage the described usage
     * @param facts the tool version, role, settings and verification, as far as known
     * @return the paragraph, or empty when the decision carries no {@code DISCLOSE_AI_USE}
     */
    public Optional<Disclosure> disclosure(Usage usage, DisclosureFacts facts) {
        return Optional.ofNullable(report(EvaluationRequest.of(usage)
                .withDisclosure(facts == null ? DisclosureFacts.NONE : facts)).disclosure());
    }

    /**
     * The figures behind the advice {@code PREFER_SMALLER_MODEL}: the EcoLogits comparison of
     * recommendation 2 when the tool is one of its models, and the smaller models it names.
     *
     * @param usage the described usage
     * @return the figures, or empty when the advice does not apply
     */
    public Optional<FrugalityComparison> frugality(Usage usage) {
        return Optional.ofNullable(report(EvaluationRequest.of(usage)).frugality());
    }

    /**
     * The clause catalogue with its titles in a language; the clause texts stay in their source language.
     *
     * @param locale English or French
     * @return every clause, in catalogue order
     * @throws InvalidUsageException when the locale is neither English nor French
     * @throws UnsupportedOperationException when the policy lacks that language's texts
     */
    public List<Clause> catalogue(Locale locale) {
        return Reports.catalogue(engine, Language.of(locale));
    }

    /**
     * Everything about one request at once: the decision (strict if asked) in the request's language,
     * whom to ask, what the tool catalogue knows, and, as asked, the alternatives, the disclosure
     * paragraph and the frugality figures.
     *
     * @param request the request
     * @return the report
     * @throws InvalidUsageException when the tool catalogue refuses the usage
     */
    public DecisionReport report(EvaluationRequest request) {
        return Reports.report(engine, Objects.requireNonNull(request, "request"));
    }
}
