package fr.inserm.aipolicy.spring;

import fr.inserm.aipolicy.PolicyEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The health indicator {@code aipolicy}: up, with the version and digest of the policy the engine runs. */
final class PolicyHealthIndicator implements HealthIndicator {
    private final PolicyEngine engine;

    PolicyHealthIndicator(PolicyEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("policyVersion", engine.policyVersion())
                .withDetail("policyDigest", engine.policyDigest()).build();
    }
}
