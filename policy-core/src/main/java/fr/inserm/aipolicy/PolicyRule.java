package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Verdict;
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
 * @param assumes what an {@link RuleEffect#ASSUMPTION} rule takes for granted; null for other rules
 */
public record PolicyRule(String id, String name, RuleEffect effect, List<String> clauses, List<Contact> escalateTo,
        String item, String text, String file, Assumes assumes) {

    /** Copies the lists. */
    public PolicyRule {
        clauses = List.copyOf(clauses);
        escalateTo = List.copyOf(escalateTo);
    }

    /**
     * A rule that takes nothing for granted.
     *
     * @param id see {@link #id()}
     * @param name see {@link #name()}
     * @param effect see {@link #effect()}
     * @param clauses see {@link #clauses()}
     * @param escalateTo see {@link #escalateTo()}
     * @param item see {@link #item()}
     * @param text see {@link #text()}
     * @param file see {@link #file()}
     */
    public PolicyRule(String id, String name, RuleEffect effect, List<String> clauses, List<Contact> escalateTo,
            String item, String text, String file) {
        this(id, name, effect, clauses, escalateTo, item, text, file, null);
    }

    /**
     * What an assumption rule takes for granted (the policy (docs/policy.md)), from its metadata
     * ({@code @field @assumed @otherwise @because}) and its messages.
     *
     * @param field the usage's field, such as {@code context.userTrained} or {@code hosting}
     * @param assumed the value taken for granted, as written in the usage's JSON where it can be
     * @param statement what is taken for granted, in a sentence
     * @param otherwise the verdict the usage would get if the field said otherwise
     * @param because the ids of the rules that would give that verdict
     * @param contacts whom a strict decision asks about it: the contacts of the {@code because}
     *     rules that escalate, or the AI &amp; Digital Unit when the verdict otherwise is DENY
     */
    public record Assumes(String field, String assumed, String statement, Verdict otherwise, List<String> because,
            List<Contact> contacts) {
        /** Copies the lists. */
        public Assumes {
            because = List.copyOf(because);
            contacts = List.copyOf(contacts);
        }

        /**
         * Whether the field is a declaration the usage states but nothing checks (the hosting, the
         * data categories) rather than a field it leaves unstated. Such an assumption is listed, like
         * every other, only where its "otherwise" is stricter than the verdict (never on a DENY).
         *
         * @return whether the field is {@code hosting} or {@code dataCategories}
         */
        public boolean declaration() {
            return "hosting".equals(field) || "dataCategories".equals(field);
        }
    }
}
