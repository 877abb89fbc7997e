package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.facts.UsageFacts;

/**
 * Keeps the decisions of a {@link FactsDecider} by the facts' key. Sound by construction: the rules
 * match {@link UsageFacts}, whose every accessor is a function of {@link UsageFacts#key()}, so two
 * usages with one key are the same usage to the rules. A decision is immutable: the same object
 * answers every usage with that key, and finding it allocates nothing.
 */
final class CachingDecider {
    /** How many decisions are kept at most: an inventory has a few thousand distinct profiles. */
    static final int CAPACITY = 4_096;

    private final FactsDecider decider;
    private final DecisionCache cache = new DecisionCache(CAPACITY);

    CachingDecider(FactsDecider decider) {
        this.decider = decider;
    }

    /**
     * The decision kept for a key, if any: an engine asks before it makes a usage's facts, so that
     * finding one allocates nothing.
     *
     * @param key a key made by {@link UsageFacts#keyOf}
     * @param strict whether an ALLOW that rests on an assumption becomes ESCALATE
     * @return the decision, or null when none is kept
     */
    Decision cached(long key, boolean strict) {
        return cache.get(key << 1 | (strict ? 1 : 0));
    }

    /**
     * Decides the facts and keeps the decision by their key: what an engine does when {@link #cached}
     * found none for that key ({@code UsageFacts.keyOf} and {@link UsageFacts#key()} agree).
     *
     * @param facts what the rules see of a usage
     * @param strict whether an ALLOW that rests on an assumption becomes ESCALATE
     * @return the decision
     * @throws PolicyEvaluationException when the rules fail to run
     */
    Decision decideAndKeep(UsageFacts facts, boolean strict) {
        Decision decision = decider.decide(facts, strict);
        cache.put(facts.key() << 1 | (strict ? 1 : 0), decision);
        return decision;
    }
}
