package fr.inserm.aipolicy.spring;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionListener;
import fr.inserm.aipolicy.event.DecisionLog;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link PolicyEngine} bean (the bundled policy, or {@code aipolicy.rules}), telling the decision
 * log ({@code aipolicy.decision-log.enabled}) and any {@link DecisionListener} bean of every decision;
 * with Actuator, a health indicator {@code aipolicy} (policy version and digest) and Micrometer meters
 * ({@code aipolicy.decisions}, {@code aipolicy.decision.duration}, {@code aipolicy.policy.info}).
 */
@AutoConfiguration
@EnableConfigurationProperties(AipolicyProperties.class)
public class AipolicyAutoConfiguration {

    /** Creates the configuration. */
    public AipolicyAutoConfiguration() {
    }

    /**
     * The engine, built once at start.
     *
     * @param properties the {@code aipolicy.*} properties
     * @param listeners the application's decision listeners (the meters among them)
     * @return the engine
     */
    @Bean
    @ConditionalOnMissingBean
    public PolicyEngine policyEngine(AipolicyProperties properties, ObjectProvider<DecisionListener> listeners) {
        PolicyEngine.Builder builder = PolicyEngine.builder().warmUp(true);
        if (properties.getRules() != null) {
            builder.rulesFrom(properties.getRules());
        }
        if (properties.getTrust() != null) {
            builder.trust(properties.getTrust()); // the approved policy: a bundle signed by this key, or no engine
        }
        PolicyEngine engine = builder.build();
        List<DecisionListener> all = new ArrayList<>(listeners.orderedStream().toList());
        if (properties.getDecisionLog().isEnabled()) {
            DecisionLog.Builder log = DecisionLog.builder();
            if (properties.getDecisionLog().isMaskToolNames()) {
                log.maskToolNames().keepCatalogued(engine.tools());
            }
            all.add(log.build());
        }
        if (!all.isEmpty()) {
            engine = PolicyEngine.telling(engine, DecisionEvents.to(DecisionEvents.DEFAULT_CAPACITY, all),
                    fr.inserm.aipolicy.event.Channel.JAVA);
        }
        return properties.isStrict() ? new StrictPolicyEngine(engine) : engine;
    }

    /** With Actuator's health: the indicator {@code aipolicy}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "aipolicyHealthIndicator")
        PolicyHealthIndicator aipolicyHealthIndicator(PolicyEngine engine) {
            return new PolicyHealthIndicator(engine);
        }
    }

    /** With Micrometer: the meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Meters {
        @Bean
        PolicyMeters aipolicyMeters(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registries) {
            return new PolicyMeters(registries);
        }

        @Bean
        PolicyInfoBinder aipolicyPolicyInfo(ObjectProvider<PolicyEngine> engine) {
            return new PolicyInfoBinder(engine);
        }
    }
}
