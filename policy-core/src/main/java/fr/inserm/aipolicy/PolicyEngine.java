package fr.inserm.aipolicy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a described use of an AI system is allowed under the Inserm recommendations.
 *
 * <p>Build one engine, once, and share it: it is immutable and safe to call from many threads.
 * Building compiles the rules and checks them against the clause catalogue, so it takes a second or
 * two; deciding takes microseconds.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().build();   // the rules bundled in policy-rules
 * Decision decision = engine.evaluate(Usage.builder()
 *         .tool("ChatGPT").hosting(Hosting.EXTERNAL)
 *         .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING)
 *         .build());
 * decision.verdict();   // DENY, citing R4.1 and R3
 * }</pre>
 */
public interface PolicyEngine {

    /**
     * Starts building an engine; by default from the rules found on the class path (the
     * {@code policy-rules} artifact).
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Decides one usage.
     *
     * @param usage the described usage
     * @return the decision, never null, citing at least one clause
     * @throws NullPointerException when usage is null
     * @throws PolicyEvaluationException when the rules fail to run; never an ALLOW in that case
     */
    Decision evaluate(Usage usage);

    /**
     * Decides one usage, answering DENY if the engine fails: for callers that must always get a
     * decision and prefer to refuse rather than handle an exception. The failure DENY cites no
     * clause (no rule decided it); its only reason has the rule id {@code ENGINE_FAILURE} and says
     * what failed.
     *
     * @param usage the described usage
     * @return the decision, or a DENY saying why the usage could not be decided
     * @throws NullPointerException when usage is null
     */
    default Decision evaluateOrDeny(Usage usage) {
        java.util.Objects.requireNonNull(usage, "usage");
        try {
            return evaluate(usage);
        } catch (RuntimeException e) {
            return FailClosed.deny(e, policyVersion(), policyDigest());
        }
    }

    /**
     * The rules of the loaded policy, ordered by effect (DENY, ESCALATE, ALLOW, OBLIGATION, ADVICE) then id.
     *
     * @return the rules
     */
    List<PolicyRule> rules();

    /**
     * The clause catalogue, in catalogue order.
     *
     * @return every clause the rules may cite
     */
    List<Clause> catalogue();

    /**
     * Looks up a clause of the catalogue.
     *
     * @param id the clause id, for example {@code R4.1}
     * @return the clause, or empty when the catalogue lacks it
     */
    Optional<Clause> clause(String id);

    /**
     * The version of the rules and catalogue, as declared in {@code policy.properties}.
     *
     * @return the policy version
     */
    String policyVersion();

    /**
     * A SHA-256 digest of every rule file, the catalogue and the messages, so a decision can be
     * traced to the exact policy that made it.
     *
     * @return {@code sha256:} followed by 64 hexadecimal digits
     */
    String policyDigest();

    /** Builds a {@link PolicyEngine}. */
    final class Builder {
        private Path rulesPath;
        private ClassLoader classLoader = PolicyEngine.class.getClassLoader();

        Builder() {
        }

        /**
         * Loads the policy from a folder or a jar instead of the class path. The folder (or the jar's
         * root) holds either the policy files themselves ({@code policy.properties},
         * {@code catalogue.json}, {@code messages.properties}, {@code *.drl}) or the
         * {@code fr/inserm/aipolicy/rules/} folder that holds them.
         *
         * @param folderOrJar the folder or jar
         * @return this builder
         */
        public Builder rulesFrom(Path folderOrJar) {
            this.rulesPath = Objects.requireNonNull(folderOrJar, "folderOrJar");
            return this;
        }

        /**
         * Sets the class loader that finds the bundled policy and the fact classes; by default the
         * one that loaded this library.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Compiles the rules and checks them against the catalogue.
         *
         * @return the engine
         * @throws PolicyBuildException when a file is missing or malformed, a rule does not compile,
         *     cites an unknown clause, lacks a message, or shares its id with another rule
         */
        public PolicyEngine build() {
            PolicyFiles files = rulesPath == null ? PolicyFiles.fromClassPath(classLoader) : PolicyFiles.fromPath(rulesPath);
            return DroolsPolicyEngine.build(files, classLoader);
        }
    }
}
