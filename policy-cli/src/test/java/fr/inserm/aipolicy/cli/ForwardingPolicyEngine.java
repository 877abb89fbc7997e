package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Clause;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.Usage;
import java.util.List;
import java.util.Optional;

/** A real engine behind a test double: override {@link #evaluate(Usage)} to make it fail as a test needs. */
abstract class ForwardingPolicyEngine implements PolicyEngine {
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

    @Override
    public List<PolicyRule> rules() {
        return delegate.rules();
    }

    @Override
    public List<Clause> catalogue() {
        return delegate.catalogue();
    }

    @Override
    public Optional<Clause> clause(String id) {
        return delegate.clause(id);
    }

    @Override
    public String policyVersion() {
        return delegate.policyVersion();
    }

    @Override
    public String policyDigest() {
        return delegate.policyDigest();
    }
}
