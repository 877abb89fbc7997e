package fr.inserm.aipolicy.spring;

import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.event.DecisionOrigin;
import fr.inserm.aipolicy.usage.Usage;

/** {@code aipolicy.strict=true}: an engine whose {@code evaluate(usage)} decides strictly. */
final class StrictPolicyEngine implements PolicyEngine {
    private final PolicyEngine engine;

    StrictPolicyEngine(PolicyEngine engine) {
        this.engine = engine;
    }

    @Override
    public Decision evaluate(Usage usage) {
        return engine.evaluate(usage, true);
    }

    @Override
    public Decision evaluate(Usage usage, boolean strict) {
        return engine.evaluate(usage, strict);
    }

    @Override
    public PolicyEngine askedBy(DecisionOrigin origin) {
        return new StrictPolicyEngine(engine.askedBy(origin));
    }

    @Override
    public PolicyEngine unrecorded() {
        return engine.unrecorded();
    }

    @Override
    public Policy policy() {
        return engine.policy();
    }

    @Override
    public String toString() {
        return engine + " (strict)";
    }
}
