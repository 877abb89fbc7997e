package fr.inserm.aipolicy.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.event.DecisionEvent;
import fr.inserm.aipolicy.event.DecisionListener;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration starts with and without Actuator, and its engine decides and reports. */
class AipolicyAutoConfigurationTest {
    private static final Usage HEALTH_DATA_ON_CHATGPT = Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
            .purpose(Purpose.WRITING).dataCategories(DataCategory.IDENTIFIABLE_HEALTH_DATA).build();
    private static final List<DecisionEvent> SEEN = Collections.synchronizedList(new ArrayList<>());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AipolicyAutoConfiguration.class));

    private static void awaitEvents(int count) throws InterruptedException {
        for (int i = 0; i < 200 && SEEN.size() < count; i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void aTrustedKeyRefusesAPolicyItDidNotSign(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        java.nio.file.Path key = dir.resolve("dpo-public.pem");
        java.nio.file.Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        // the bundled policy is approved but not signed by this key: no engine, rather than an unapproved one
        runner.withPropertyValues("aipolicy.trust=" + key).run(context -> {
            assertTrue(context.getStartupFailure() != null, "an engine was built from a policy the key did not sign");
            assertFalse(context.getStartupFailure().toString().isEmpty());
        });
    }

    @Test
    void withActuatorTheEngineDecidesAndShowsItsHealthAndMeters() {
        SEEN.clear();
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("recorder", DecisionListener.class, () -> SEEN::add)
                .withPropertyValues("aipolicy.decision-log.enabled=true", "aipolicy.decision-log.mask-tool-names=true")
                .run(context -> {
                    assertTrue(context.getStartupFailure() == null, String.valueOf(context.getStartupFailure()));
                    PolicyEngine engine = context.getBean(PolicyEngine.class);
                    assertEquals(Verdict.DENY, engine.evaluate(HEALTH_DATA_ON_CHATGPT).verdict());
                    awaitEvents(1);
                    assertEquals(1, SEEN.size(), "one event per decision");
                    Health health = context.getBean("aipolicyHealthIndicator", HealthIndicator.class).health();
                    assertEquals(Status.UP, health.getStatus());
                    assertEquals(Map.of("policyVersion", engine.policyVersion(), "policyDigest", engine.policyDigest()),
                            health.getDetails());
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    for (int i = 0; i < 200 && registry.find("aipolicy.decision.duration").timer() == null; i++) {
                        Thread.sleep(25);
                    }
                    assertEquals(1.0, registry.get("aipolicy.decisions").tag("verdict", "DENY").tag("channel", "java")
                            .counter().count());
                    assertEquals(1L, registry.get("aipolicy.decision.duration").timer().count());
                    context.getBean(PolicyInfoBinder.class).bindTo(registry);
                    assertEquals(1.0, registry.get("aipolicy.policy.info").tag("digest", engine.policyDigest()).gauge()
                            .value());
                });
    }

    @Test
    void withoutActuatorTheEngineStillDecides() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "io.micrometer"))
                .withPropertyValues("aipolicy.strict=true")
                .run(context -> {
                    assertTrue(context.getStartupFailure() == null, String.valueOf(context.getStartupFailure()));
                    PolicyEngine engine = context.getBean(PolicyEngine.class);
                    Usage assumed = Usage.builder().tool("some local model").hosting(Hosting.LOCAL)
                            .purpose(Purpose.WRITING).dataCategories(DataCategory.PUBLIC).build();
                    assertTrue(engine.evaluate(assumed).strict(), "aipolicy.strict: evaluate(usage) is strict");
                    assertFalse(context.containsBean("aipolicyHealthIndicator"));
                    assertFalse(context.containsBean("aipolicyMeters"));
                });
    }

    @Test
    void anApplicationsOwnEngineWins() {
        PolicyEngine own = PolicyEngine.builder().build();
        runner.withBean(PolicyEngine.class, () -> own).run(context -> assertTrue(context.getBean(PolicyEngine.class) == own));
    }
}
