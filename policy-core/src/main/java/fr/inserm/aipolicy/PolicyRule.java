package fr.inserm.aipolicy;

import java.util.List;

/**
 * A rule of the loaded policy, as declared by its metadata in the DRL file.
 *
 * @param id the rule's identifier, for example {@code D1} or {@code O2}
 * @param name the rule's full name in the DRL file
 * @param effect what the rule adds to a decision
 * @param clauses the ids of the clauses it cites
 * @param escalateTo whom to ask, for an {@link RuleEffect#ESCALATE} rule; empty otherwise
 * @param item the obligation or advice id, for {@link RuleEffect#OBLIGATION} and
 *     {@link RuleEffect#ADVICE} rules; null otherwise
 * @param text the rule's message for the user
 * @param file the DRL file that holds it
 */
public record PolicyRule(String id, String name, RuleEffect effect, List<String> clauses, List<Contact> escalateTo,
        String item, String text, String file) {

    /** Copies the lists. */
    public PolicyRule {
        clauses = List.copyOf(clauses);
        escalateTo = List.copyOf(escalateTo);
    }
}
