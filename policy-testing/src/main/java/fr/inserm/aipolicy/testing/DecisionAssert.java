package fr.inserm.aipolicy.testing;

import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Fluent assertions on a {@link Decision}, for any test framework: a failed assertion throws an
 * {@link AssertionError} whose message shows what was expected and the whole decision.
 *
 * <pre>{@code
 * assertThat(engine.evaluate(usage)).isDenied().cites("R4.1", "R3").applied("D1");
 * assertThat(decision).isEscalated().escalatesTo(Contact.DPO).hasObligations("VERIFY_OUTPUTS");
 * }</pre>
 */
public final class DecisionAssert {
    private final Decision actual;

    private DecisionAssert(Decision actual) {
        this.actual = actual;
    }

    /**
     * Starts assertions on a decision.
     *
     * @param decision the decision under test
     * @return the assertions
     * @throws AssertionError when the decision is null
     */
    public static DecisionAssert assertThat(Decision decision) {
        if (decision == null) {
            throw new AssertionError("expected a decision, got null");
        }
        return new DecisionAssert(decision);
    }

    /**
     * The verdict is DENY.
     *
     * @return this
     */
    public DecisionAssert isDenied() {
        return hasVerdict(Verdict.DENY);
    }

    /**
     * The verdict is ESCALATE.
     *
     * @return this
     */
    public DecisionAssert isEscalated() {
        return hasVerdict(Verdict.ESCALATE);
    }

    /**
     * The verdict is ALLOW.
     *
     * @return this
     */
    public DecisionAssert isAllowed() {
        return hasVerdict(Verdict.ALLOW);
    }

    /**
     * The verdict is the given one.
     *
     * @param verdict the expected verdict
     * @return this
     */
    public DecisionAssert hasVerdict(Verdict verdict) {
        check(actual.verdict() == verdict, "verdict " + verdict);
        return this;
    }

    /**
     * Every given clause is cited (others may be too).
     *
     * @param clauseIds clause ids such as {@code R4.1}
     * @return this
     */
    public DecisionAssert cites(String... clauseIds) {
        check(actual.citedClauseIds().containsAll(List.of(clauseIds)), "citations including " + Arrays.toString(clauseIds));
        return this;
    }

    /**
     * None of the given clauses is cited.
     *
     * @param clauseIds clause ids
     * @return this
     */
    public DecisionAssert doesNotCite(String... clauseIds) {
        check(Arrays.stream(clauseIds).noneMatch(actual::cites), "no citation of " + Arrays.toString(clauseIds));
        return this;
    }

    /**
     * Exactly these obligations, in any order.
     *
     * @param obligationIds obligation ids such as {@code VERIFY_OUTPUTS}; none for "no obligation"
     * @return this
     */
    public DecisionAssert hasObligations(String... obligationIds) {
        check(Set.copyOf(actual.obligationIds()).equals(Set.of(obligationIds)),
                "exactly the obligations " + Arrays.toString(obligationIds));
        return this;
    }

    /**
     * Exactly these advice items, in any order.
     *
     * @param adviceIds advice ids such as {@code PREFER_INTERNAL_SYSTEM}; none for "no advice"
     * @return this
     */
    public DecisionAssert hasAdvice(String... adviceIds) {
        check(Set.copyOf(actual.adviceIds()).equals(Set.of(adviceIds)), "exactly the advice " + Arrays.toString(adviceIds));
        return this;
    }

    /**
     * Exactly these contacts to ask, in any order.
     *
     * @param contacts whom to ask; none for "no one"
     * @return this
     */
    public DecisionAssert escalatesTo(Contact... contacts) {
        Set<Contact> expected = contacts.length == 0 ? EnumSet.noneOf(Contact.class) : EnumSet.copyOf(List.of(contacts));
        check(EnumSet.copyOf(actualContacts()).equals(expected), "escalation to exactly " + expected);
        return this;
    }

    /**
     * Every given rule applied.
     *
     * @param ruleIds rule ids such as {@code D1}
     * @return this
     */
    public DecisionAssert applied(String... ruleIds) {
        check(actual.appliedRules().containsAll(List.of(ruleIds)), "rules " + Arrays.toString(ruleIds) + " applied");
        return this;
    }

    /**
     * None of the given rules applied.
     *
     * @param ruleIds rule ids
     * @return this
     */
    public DecisionAssert didNotApply(String... ruleIds) {
        check(Arrays.stream(ruleIds).noneMatch(actual.appliedRules()::contains),
                "rules " + Arrays.toString(ruleIds) + " not applied");
        return this;
    }

    /**
     * The decision was made by the given policy version.
     *
     * @param version the expected policy version
     * @return this
     */
    public DecisionAssert hasPolicyVersion(String version) {
        check(Objects.equals(actual.policyVersion(), version), "policy version " + version);
        return this;
    }

    private Set<Contact> actualContacts() {
        return actual.escalateTo().isEmpty() ? EnumSet.noneOf(Contact.class) : EnumSet.copyOf(actual.escalateTo());
    }

    private void check(boolean holds, String expected) {
        if (!holds) {
            throw new AssertionError("expected " + expected + ", but the decision was " + actual.verdict()
                    + " citing " + actual.citedClauseIds() + ", obligations " + actual.obligationIds() + ", advice "
                    + actual.adviceIds() + ", escalate to " + actual.escalateTo() + ", rules " + actual.appliedRules()
                    + "\nwhole decision:\n" + PolicyJson.writePretty(actual));
        }
    }
}
