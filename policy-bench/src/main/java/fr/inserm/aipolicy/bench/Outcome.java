package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import java.util.List;

/**
 * What every implementation under benchmark must agree on: the verdict, the ids of the rules that
 * applied (in the engine's rule order), the ids of the cited clauses (in catalogue order), the
 * assumption rules the decision keeps (whose fields are the decision's assumed fields), whom to ask,
 * and whether the decision is strict.
 *
 * @param verdict the verdict
 * @param appliedRules the rule ids, in the engine's rule order
 * @param citedClauses the clause ids, in catalogue order
 * @param assumptions the ids of the assumption rules kept, in rule order
 * @param escalateTo whom to ask, in the order of {@link Contact}
 * @param strict whether the decision is strict
 */
public record Outcome(Verdict verdict, List<String> appliedRules, List<String> citedClauses, List<String> assumptions,
        List<Contact> escalateTo, boolean strict) {

    /**
     * The outcome of one of the engine's decisions.
     *
     * @param decision the decision
     * @return its verdict, applied rules, cited clauses, assumptions, contacts and strictness
     */
    public static Outcome of(Decision decision) {
        return new Outcome(decision.verdict(), decision.appliedRules(), decision.citedClauseIds(),
                decision.assumptions().stream().map(Assumption::rule).toList(), decision.escalateTo(), decision.strict());
    }
}
