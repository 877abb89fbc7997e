package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.tools.ToolCatalogue;
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
 * {@link PolicyEngine#policy()} to the engine it wraps), and read by {@code report.PolicyReports}.
 */
public final class Policy {
    private final String version;
    private final String digest;
    private final List<PolicyRule> rules;
    private final List<Clause> catalogue;
    private final Map<String, Clause> clausesById;
    private final PolicyTexts texts;
    private final Approval approval;

    Policy(Approval approval, List<PolicyRule> rules, List<Clause> catalogue, PolicyTexts texts) {
        this(approval.version(), approval.digest(), rules, catalogue, texts, approval);
    }

    Policy(String version, String digest, List<PolicyRule> rules, List<Clause> catalogue, PolicyTexts texts) {
        this(version, digest, rules, catalogue, texts, new Approval(Approval.Status.DRAFT, version, digest, null, "(built)", ""));
    }

    private Policy(String version, String digest, List<PolicyRule> rules, List<Clause> catalogue, PolicyTexts texts,
            Approval approval) {
        this.approval = approval;
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
     * Whether this policy is the one its version names: signed by a trusted key, recorded, or a draft
     * (whose {@link #version()} then says so), and where it was read.
     *
     * @return the approval
     */
    public Approval approval() {
        return approval;
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

    /**
     * A rule's message in a language: the reason, obligation or advice it gives, or, for an
     * assumption rule, its question.
     *
     * @param ruleId the rule's id
     * @param language the language
     * @return the message
     * @throws UnsupportedOperationException when the policy lacks that language's texts
     */
    public String message(String ruleId, Language language) {
        return texts.rule(ruleId, language);
    }

    /**
     * What an assumption rule takes for granted, in a sentence, in a language.
     *
     * @param ruleId the assumption rule's id
     * @param language the language
     * @return the sentence
     * @throws UnsupportedOperationException when the policy lacks that language's texts
     */
    public String assumed(String ruleId, Language language) {
        return texts.rule(ruleId + ".assumed", language);
    }

    /**
     * A clause's title in a language (its text stays in its source's language).
     *
     * @param clause a clause of this policy
     * @param language the language
     * @return the title
     */
    public String title(Clause clause, Language language) {
        return texts.title(clause, language);
    }

    /**
     * Whom a contact is, in a language, as the policy's texts name them.
     *
     * @param contact the contact
     * @param language the language
     * @return the name, with an address where the policy publishes one
     */
    public String contact(Contact contact, Language language) {
        return texts.label("contact." + contact.name(), language);
    }

    /**
     * Checks that the policy has its texts in a language, before anything is decided in it.
     *
     * @param language the language
     * @throws UnsupportedOperationException when the policy lacks that language's texts (a policy may
     *     ship English only), naming the files it lacks
     */
    public void require(Language language) {
        texts.require(language);
    }

    /**
     * A decision of this policy with its texts and clause titles in a language; in English, the same
     * decision.
     *
     * @param decision a decision of this policy
     * @param language the language
     * @return the decision in that language
     * @throws UnsupportedOperationException when the policy lacks that language's texts
     */
    public Decision localise(Decision decision, Language language) {
        return texts.localise(Objects.requireNonNull(decision, "decision"), language);
    }

    /**
     * One of the policy's labels ({@code labels.properties}: names of purposes and contacts, the
     * sentences of disclosures, frugality figures and alternatives) with its {@code {0}}, {@code {1}}…
     * placeholders filled.
     *
     * @param key the label's key, such as {@code purpose.WRITING}
     * @param language the language
     * @param args the values of the placeholders
     * @return the text
     * @throws UnsupportedOperationException when the policy lacks that language's texts
     */
    public String label(String key, Language language, Object... args) {
        return texts.label(key, language, args);
    }

    /**
     * A label in every language of {@link Language}.
     *
     * @param key the label's key
     * @param args the values of the placeholders
     * @return the text by language
     * @throws UnsupportedOperationException when the policy lacks a language's texts
     */
    public Map<Language, String> everyLanguage(String key, Object... args) {
        return texts.everyLanguage(key, args);
    }

    @Override
    public String toString() {
        return "Policy[version=" + version + ", " + rules.size() + " rules, " + catalogue.size() + " clauses, " + digest
                + "]";
    }
}
