package fr.inserm.aipolicy.testing;

import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.Usage;

/**
 * A real engine behind a test double: override {@link #evaluate(Usage)} to make it fail, or count, as
 * a test needs; everything else forwards to the engine it wraps, including its {@link Policy}, so
 * {@code PolicyReports} works over the double as over the engine.
 */
public abstract class ForwardingPolicyEngine implements PolicyEngine {
    private final PolicyEngine delegate;

    /**
     * Forwards to an engine.
     *
     * @param delegate the engine that answers what is not overridden
     */
    protected ForwardingPolicyEngine(PolicyEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public Decision evaluate(Usage usage) {
        return delegate.evaluate(usage);
    }

    /** A plain decision goes through {@link #evaluate(Usage)}, so a double that overrides it fails both ways. */
    @Override
    public Decision evaluate(Usage usage, boolean strict) {
        return strict ? delegate.evaluate(usage, true) : evaluate(usage);
    }

    @Override
    public Policy policy() {
        return delegate.policy();
    }
}
