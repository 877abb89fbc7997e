package fr.inserm.aipolicy.decision;

import java.util.List;

/**
 * Something the user must do for an ALLOW or ESCALATE decision to hold.
 *
 * @param id the obligation, for example {@code VERIFY_OUTPUTS} (the policy (docs/policy.md))
 * @param text what to do, for a person
 * @param clauses the ids of the clauses it comes from
 * @param rules the ids of the rules that asked for it
 */
public record Obligation(String id, String text, List<String> clauses, List<String> rules) {

    /** Copies the lists. */
    public Obligation {
        clauses = List.copyOf(clauses);
        rules = List.copyOf(rules);
    }
}
