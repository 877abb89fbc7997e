package fr.inserm.aipolicy.decision;

import java.util.List;

/**
 * Something the user should consider; advice never changes the verdict.
 *
 * @param id the advice, for example {@code PREFER_SMALLER_MODEL} (the policy (docs/policy.md))
 * @param text what to consider, for a person
 * @param clauses the ids of the clauses it comes from
 * @param rules the ids of the rules that gave it
 */
public record Advice(String id, String text, List<String> clauses, List<String> rules) {

    /** Copies the lists. */
    public Advice {
        clauses = List.copyOf(clauses);
        rules = List.copyOf(rules);
    }
}
