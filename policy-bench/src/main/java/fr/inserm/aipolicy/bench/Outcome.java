package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.Verdict;
import java.util.List;

/**
 * What every implementation under benchmark must agree on: the verdict, the ids of the rules that
 * applied (in rule-table order) and the ids of the cited clauses (in catalogue order).
 *
 * @param verdict the verdict
 * @param appliedRules the rule ids, in rule-table order
 * @param citedClauses the clause ids, in catalogue order
 */
public record Outcome(Verdict verdict, List<String> appliedRules, List<String> citedClauses) {

    /**
     * The outcome of one of the engine's decisions.
     *
     * @param decision the decision
     * @return its verdict, applied rules and cited clauses
     */
    public static Outcome of(Decision decision) {
        return new Outcome(decision.verdict(), decision.appliedRules(), decision.citedClauseIds());
    }
}
