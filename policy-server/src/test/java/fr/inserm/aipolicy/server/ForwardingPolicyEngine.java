package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Clause;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.Usage;
import fr.inserm.aipolicy.DecisionReport;
import fr.inserm.aipolicy.EvaluationRequest;
import fr.inserm.aipolicy.ToolCatalogue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A real engine behind a test double: override {@link #evaluate(Usage)} to make it fail as a test needs. */
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

    @Override
    public ToolCatalogue tools() {
        return delegate.tools();
    }

    @Override
    public List<Clause> catalogue(Locale locale) {
        return delegate.catalogue(locale);
    }

    @Override
    public DecisionReport report(EvaluationRequest request) {
        return delegate.report(request);
    }
}
