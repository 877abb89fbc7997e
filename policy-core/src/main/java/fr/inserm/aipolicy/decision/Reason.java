package fr.inserm.aipolicy.decision;

import java.util.List;

/**
 * Why a decision came out as it did: one rule that applied, with its effect on the verdict.
 *
 * @param rule the id of the rule, for example {@code D1}
 * @param effect the verdict this rule asks for
 * @param text what the rule means for the user, in a sentence
 * @param clauses the ids of the clauses the rule encodes
 */
public record Reason(String rule, Verdict effect, String text, List<String> clauses) {

    /** Copies the clause list. */
    public Reason {
        clauses = List.copyOf(clauses);
    }
}
