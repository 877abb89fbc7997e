package fr.inserm.aipolicy.spring;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code aipolicy.*} properties.
 *
 * <pre>
 * aipolicy.rules=/etc/aipolicy/rules        # a folder or jar; the bundled policy when absent
 * aipolicy.strict=true                      # engine.evaluate(usage) decides strictly
 * aipolicy.decision-log.enabled=true        # one JSON line per decision to logger fr.inserm.aipolicy.decisions
 * aipolicy.decision-log.mask-tool-names=true
 * </pre>
 */
@ConfigurationProperties("aipolicy")
public class AipolicyProperties {
    private Path rules;
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
