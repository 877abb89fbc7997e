package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.facts.UsageFacts;

/**
 * Keeps the decisions of another {@link FactsDecider} by the facts' key. Sound by construction: the
 * rules match {@link UsageFacts}, whose every accessor is a function of {@link UsageFacts#key()}, so
 * two usages with one key are the same usage to the rules. A decision is immutable: the same object
 * answers every usage with that key.
 */
final class CachingDecider implements FactsDecider {
    /** How many decisions are kept at most: an inventory has a few thousand distinct profiles. */
    static final int CAPACITY = 4_096;

    private final FactsDecider decider;
    private final DecisionCache cache = new DecisionCache(CAPACITY);

    CachingDecider(FactsDecider decider) {
        this.decider = decider;
    }

    @Override
    public Decision decide(UsageFacts facts, boolean strict) {
        long key = facts.key() << 1 | (strict ? 1 : 0);
        Decision decision = cache.get(key);
        if (decision == null) {
            decision = decider.decide(facts, strict);
            cache.put(key, decision);
        }
        return decision;
    }
}
