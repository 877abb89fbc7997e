package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.tools.KnownTool;
import java.util.List;
import java.util.Objects;

/**
 * A decision with what a person needs to act on it, in their language: whom to ask, what would make
 * it allowed, the text that discloses the use, and the footprint figures behind the frugality advice.
 * Made by {@link PolicyReports#report(EvaluationRequest)}; written by {@code PolicyJson.write(DecisionReport)}.
 *
 * @param decision the decision, its reasons, obligations, advice and clause titles in {@link #language()}
 * @param language the language of the texts
 * @param contacts whom to ask on an ESCALATE, named in {@link #language()}; empty otherwise
 * @param tool the catalogued tool the usage names, or null when the catalogue lacks it
 * @param toolCatalogueVersion the version of the tool catalogue consulted
 * @param completedFromCatalogue the usage fields the request left out and the catalogue filled in
 * @param alternatives the smallest changes that would make the usage allowed (empty on an ALLOW), or
 *     null when not requested
 * @param disclosure the draft disclosure paragraph, or null when {@code DISCLOSE_AI_USE} does not apply
 * @param frugality the figures behind {@code PREFER_SMALLER_MODEL}, or null when that advice does not apply
 */
public record DecisionReport(Decision decision, Language language, List<ContactDetails> contacts, KnownTool tool,
        String toolCatalogueVersion, List<String> completedFromCatalogue, List<Alternative> alternatives,
        Disclosure disclosure, FrugalityComparison frugality) {

    /** Checks the required fields and copies the lists. */
    public DecisionReport {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(toolCatalogueVersion, "toolCatalogueVersion");
        contacts = List.copyOf(contacts);
        completedFromCatalogue = List.copyOf(completedFromCatalogue);
        alternatives = alternatives == null ? null : List.copyOf(alternatives);
    }
}
