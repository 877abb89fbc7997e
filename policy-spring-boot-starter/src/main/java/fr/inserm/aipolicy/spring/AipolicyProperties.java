package fr.inserm.aipolicy.spring;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code aipolicy.*} properties.
 *
 * <pre>
 * aipolicy.rules=/etc/aipolicy/policy.aipolicy  # a signed bundle, folder or jar; the bundled policy when absent
 * aipolicy.trust=/etc/aipolicy/dpo-public.pem    # only a bundle signed by this key (PEM) loads
 * aipolicy.strict=true                      # engine.evaluate(usage) decides strictly
 * aipolicy.decision-log.enabled=true        # one JSON line per decision to logger fr.inserm.aipolicy.decisions
 * aipolicy.decision-log.mask-tool-names=true
 * </pre>
 */
@ConfigurationProperties("aipolicy")
public class AipolicyProperties {
    private Path rules;
    private Path trust;
    private boolean strict;
    private final DecisionLogProperties decisionLog = new DecisionLogProperties();

    /** Creates the properties with their defaults. */
    public AipolicyProperties() {
    }

    /**
     * The policy's folder or jar.
     *
     * @return the path, or null for the bundled policy
     */
    public Path getRules() {
        return rules;
    }

    /**
     * Sets the policy's folder or jar.
     *
     * @param rules the path, or null for the bundled policy
     */
    public void setRules(Path rules) {
        this.rules = rules;
    }

    /**
     * The public key (PEM) a policy bundle must be signed by.
     *
     * @return the key's file, or null to trust no key
     */
    public Path getTrust() {
        return trust;
    }

    /**
     * Sets the public key (PEM) a policy bundle must be signed by: with it, only {@code aipolicy.rules}
     * bundles signed by that key load.
     *
     * @param trust the key's file, or null to trust no key
     */
    public void setTrust(Path trust) {
        this.trust = trust;
    }

    /**
     * Whether {@code evaluate(usage)} decides strictly.
     *
     * @return true when strict
     */
    public boolean isStrict() {
        return strict;
    }

    /**
     * Sets whether {@code evaluate(usage)} decides strictly.
     *
     * @param strict true for strict decisions
     */
    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    /**
     * The decision log's properties.
     *
     * @return {@code aipolicy.decision-log.*}
     */
    public DecisionLogProperties getDecisionLog() {
        return decisionLog;
    }

    /** The {@code aipolicy.decision-log.*} properties. */
    public static class DecisionLogProperties {
        private boolean enabled;
        private boolean maskToolNames;

        /** Creates the properties with their defaults: off. */
        public DecisionLogProperties() {
        }

        /**
         * Whether every decision is logged.
         *
         * @return true when on
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Turns the log on or off.
         *
         * @param enabled true to log every decision
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Whether tool names the catalogue does not know are masked.
         *
         * @return true when masked
         */
        public boolean isMaskToolNames() {
            return maskToolNames;
        }

        /**
         * Masks the tool names the catalogue does not know.
         *
         * @param maskToolNames true to mask
         */
        public void setMaskToolNames(boolean maskToolNames) {
            this.maskToolNames = maskToolNames;
        }
    }
}
