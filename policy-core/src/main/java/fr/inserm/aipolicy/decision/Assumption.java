package fr.inserm.aipolicy.decision;

import java.util.List;

/**
 * What a decision took for granted because the usage did not say it, or said it where nothing can
 * check it (the policy (docs/policy.md), §4.5). A strict decision turns an ALLOW that carries one into ESCALATE.
 *
 * @param rule the id of the assumption rule that applied
 * @param field the usage's field, such as {@code context.userTrained} or {@code hosting}
 * @param assumed the value taken for granted
 * @param text what is taken for granted, in a sentence
 * @param otherwise the verdict the usage would get if the field said otherwise
 * @param rules the ids of the rules that would give that verdict
 * @param clauses the ids of the clauses behind it
 * @param question the question to put to the user
 * @param contacts whom a strict decision asks about it
 */
public record Assumption(String rule, String field, String assumed, String text, Verdict otherwise,
        List<String> rules, List<String> clauses, String question, List<Contact> contacts) {

    /** Copies the lists. */
    public Assumption {
        rules = List.copyOf(rules);
        clauses = List.copyOf(clauses);
        contacts = List.copyOf(contacts);
    }
}
