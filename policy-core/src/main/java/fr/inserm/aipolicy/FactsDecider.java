package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.facts.UsageFacts;

/**
 * Decides what the rules see of a usage: the {@link RuleRunner}, behind the engine's
 * {@link CachingDecider}. The catalogue's check and the reduction of a usage to its key are the engine's.
 */
interface FactsDecider {
    /**
     * Decides the facts.
     *
     * @param facts what the rules see of a usage
     * @param strict whether an ALLOW that rests on an assumption becomes ESCALATE
     * @return the decision
     * @throws PolicyEvaluationException when the rules fail to run
     */
    Decision decide(UsageFacts facts, boolean strict);
}
