package fr.inserm.aipolicy.spring;

import fr.inserm.aipolicy.PolicyEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

/** The gauge {@code aipolicy.policy.info} (version, digest), always 1: which policy the application runs. */
final class PolicyInfoBinder implements MeterBinder {
    private final ObjectProvider<PolicyEngine> engine;

    PolicyInfoBinder(ObjectProvider<PolicyEngine> engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        PolicyEngine policy = engine.getObject();
        Gauge.builder("aipolicy.policy.info", () -> 1).description("The policy the application decides by (always 1)")
                .tags("version", policy.policyVersion(), "digest", policy.policyDigest()).register(registry);
    }
}
