package fr.inserm.aipolicy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A loaded policy: its version and digest, its rules, its clause catalogue, its texts in each
 * language and its tool catalogue. What decides is a {@link PolicyEngine}; what describes and
 * explains is this, shared by every engine over the same policy (a cache or a test double forwards
 * {@link PolicyEngine#policy()} to the engine it wraps), and read by {@link PolicyReports}.
 */
public final class Policy {
    private final String version;
    private final String digest;
    private final List<PolicyRule> rules;
    private final List<Clause> catalogue;
    private final Map<String, Clause> clausesById;
    private final PolicyTexts texts;

    Policy(String version, String digest, List<PolicyRule> rules, List<Clause> catalogue, PolicyTexts texts) {
        this.version = Objects.requireNonNull(version, "version");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.rules = List.copyOf(rules);
        this.catalogue = List.copyOf(catalogue);
        this.clausesById = catalogue.stream().collect(Collectors.toUnmodifiableMap(Clause::id, Function.identity()));
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /**
     * The version of the rules and catalogue, as declared in {@code policy.properties}.
     *
     * @return the policy version
     */
    public String version() {
        return version;
    }

    /**
     * A SHA-256 digest of every file of the policy, so a decision can be traced to the exact policy
     * that made it.
     *
     * @return {@code sha256:} followed by 64 hexadecimal digits
     */
    public String digest() {
        return digest;
    }

    /**
     * Every rule, as declared by its metadata, in rule-table order (DENY, ESCALATE, permits,
     * obligations, advice, assumptions).
     *
     * @return the rules
     */
    public List<PolicyRule> rules() {
        return rules;
    }

    /**
     * The clause catalogue, in the order of the source texts.
     *
     * @return every clause
     */
    public List<Clause> catalogue() {
        return catalogue;
    }

    /**
     * One clause of the catalogue.
     *
     * @param id the clause id, for example {@code R4.1}
     * @return the clause, or empty when the catalogue lacks it
     */
    public Optional<Clause> clause(String id) {
        return Optional.ofNullable(clausesById.get(id));
    }

    /**
     * The catalogue of well-known tools shipped with the policy ({@code tools.json}).
     *
     * @return the tool catalogue; empty when the policy has none
     */
    public ToolCatalogue tools() {
        return texts.tools();
    }

    /**
     * Whether the policy has its texts in a language.
     *
     * @param language the language
     * @return whether decisions can be given in it
     */
    public boolean speaks(Language language) {
        return texts.supports(language);
    }

    PolicyTexts texts() {
        return texts;
    }

    @Override
    public String toString() {
        return "Policy[version=" + version + ", " + rules.size() + " rules, " + catalogue.size() + " clauses, " + digest
                + "]";
    }
}
