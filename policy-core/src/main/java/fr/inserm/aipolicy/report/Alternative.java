package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.usage.Usage;
import java.util.List;
import java.util.Objects;

/**
 * A smallest set of changes to a denied or escalated usage that makes it allowed, found by deciding
 * variants of the usage with the same rules (never written by hand per rule).
 *
 * <p>Minimal: removing any one of its changes no longer gives ALLOW.
 *
 * @param changes what to change, one to three items
 * @param usage the usage with the changes made, which the rules allow; a hosting change keeps the tool's
 *     name, so for a tool that exists only as an external service (ChatGPT) the change means using
 *     another tool there, as its text says
 * @param resolvedRules the ids of the DENY and ESCALATE rules that applied to the usage and no longer
 *     apply to the changed one
 * @param clauses the clauses of those rules, which the changed usage satisfies, in catalogue order
 * @param obligations the obligations the changed usage carries, for example {@code EXPERT_CODE_REVIEW}
 */
public record Alternative(List<Change> changes, Usage usage, List<String> resolvedRules, List<String> clauses,
        List<String> obligations) {

    /** Copies the lists. */
    public Alternative {
        changes = List.copyOf(changes);
        Objects.requireNonNull(usage, "usage");
        resolvedRules = List.copyOf(resolvedRules);
        clauses = List.copyOf(clauses);
        obligations = List.copyOf(obligations);
    }
}
