package fr.inserm.aipolicy.decision;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a described usage, with the reasons that decided it (the policy (docs/policy.md)).
 *
 * @param verdict ALLOW, ESCALATE or DENY
 * @param citations every clause cited by a rule that applied, once each, in catalogue order; never empty
 *     except in the DENY of {@code PolicyEngine.evaluateOrDeny(Usage)} when the engine failed
 * @param reasons one per rule that decided the verdict: the DENY and ESCALATE rules that applied
 *     and, on an ALLOW, the rule that permits it
 * @param obligations what the user must do; empty on a DENY
 * @param advice what the user should consider
 * @param escalateTo whom to ask, on an ESCALATE; empty otherwise
 * @param policyVersion the version of the rules and catalogue that decided
 * @param policyDigest a SHA-256 digest of the rule files, catalogue and messages that decided
 * @param appliedRules the ids of every rule that applied, including those whose effect the verdict
 *     dropped (an obligation on a DENY): for tests and audits
 * @param assumptions what the decision took for granted (the policy (docs/policy.md)), in rule order
 * @param strict whether this is a strict decision: no ALLOW that rests on an assumption
 */
public record Decision(Verdict verdict, List<Clause> citations, List<Reason> reasons, List<Obligation> obligations,
        List<Advice> advice, List<Contact> escalateTo, String policyVersion, String policyDigest,
        List<String> appliedRules, List<Assumption> assumptions, boolean strict) {

    /**
     * A decision that took nothing for granted, not strict.
     *
     * @param verdict see {@link #verdict()}
     * @param citations see {@link #citations()}
     * @param reasons see {@link #reasons()}
     * @param obligations see {@link #obligations()}
     * @param advice see {@link #advice()}
     * @param escalateTo see {@link #escalateTo()}
     * @param policyVersion see {@link #policyVersion()}
     * @param policyDigest see {@link #policyDigest()}
     * @param appliedRules see {@link #appliedRules()}
     */
    public Decision(Verdict verdict, List<Clause> citations, List<Reason> reasons, List<Obligation> obligations,
            List<Advice> advice, List<Contact> escalateTo, String policyVersion, String policyDigest,
            List<String> appliedRules) {
        this(verdict, citations, reasons, obligations, advice, escalateTo, policyVersion, policyDigest, appliedRules,
                List.of(), false);
    }

    /** Copies the lists and checks that the verdict and version are present. */
    public Decision {
        assumptions = List.copyOf(assumptions);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(policyDigest, "policyDigest");
        citations = List.copyOf(citations);
        reasons = List.copyOf(reasons);
        obligations = List.copyOf(obligations);
        advice = List.copyOf(advice);
        escalateTo = List.copyOf(escalateTo);
        appliedRules = List.copyOf(appliedRules);
    }

    /**
     * The ids of the cited clauses, in catalogue order.
     *
     * @return the ids of {@link #citations()}
     */
    public List<String> citedClauseIds() {
        return citations.stream().map(Clause::id).toList();
    }

    /**
     * Tells whether a clause is cited.
     *
     * @param clauseId the clause id, for example {@code R4.1}
     * @return true when cited
     */
    public boolean cites(String clauseId) {
        return citations.stream().anyMatch(c -> c.id().equals(clauseId));
    }

    /**
     * The ids of the obligations, in rule order.
     *
     * @return the obligation ids
     */
    public List<String> obligationIds() {
        return obligations.stream().map(Obligation::id).toList();
    }

    /**
     * The ids of the advice items, in rule order.
     *
     * @return the advice ids
     */
    public List<String> adviceIds() {
        return advice.stream().map(Advice::id).toList();
    }

    /**
     * The fields this decision took for granted, once each, in rule order.
     *
     * @return the field paths, such as {@code context.userTrained}
     */
    public List<String> assumedFields() {
        return assumptions.stream().map(Assumption::field).distinct().toList();
    }
}
