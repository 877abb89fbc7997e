package fr.inserm.aipolicy.event;

import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One decision as its listeners see it: what was asked, by whom and through what, what was answered,
 * and by which policy.
 *
 * @param id the decision's id, time-ordered ({@link DecisionId})
 * @param time when the decision was asked
 * @param channel through what it was asked
 * @param requester who asked, as the caller identified them, or null when the caller did not say
 * @param usage the usage decided
 * @param decision the decision given to the caller
 * @param nanos how long deciding took, in nanoseconds
 */
public record DecisionEvent(String id, Instant time, Channel channel, String requester, Usage usage,
        Decision decision, long nanos) {

    /** Checks that everything but the requester is present. */
    public DecisionEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * The verdict.
     *
     * @return ALLOW, ESCALATE or DENY
     */
    public Verdict verdict() {
        return decision.verdict();
    }

    /**
     * Whether the decision was strict.
     *
     * @return {@link Decision#strict()}
     */
    public boolean strict() {
        return decision.strict();
    }

    /**
     * The version of the policy that decided.
     *
     * @return {@link Decision#policyVersion()}
     */
    public String policyVersion() {
        return decision.policyVersion();
    }

    /**
     * The digest of the policy that decided.
     *
     * @return {@link Decision#policyDigest()}
     */
    public String policyDigest() {
        return decision.policyDigest();
    }

    /**
     * The ids of every rule that applied.
     *
     * @return {@link Decision#appliedRules()}
     */
    public List<String> rules() {
        return decision.appliedRules();
    }

    /**
     * The ids of the cited clauses.
     *
     * @return {@link Decision#citedClauseIds()}
     */
    public List<String> clauses() {
        return decision.citedClauseIds();
    }

    /**
     * What the decision took for granted.
     *
     * @return {@link Decision#assumptions()}
     */
    public List<Assumption> assumptions() {
        return decision.assumptions();
    }

    /**
     * Whom to ask, on an ESCALATE.
     *
     * @return {@link Decision#escalateTo()}
     */
    public List<Contact> contacts() {
        return decision.escalateTo();
    }
}
