package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Advice;
import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of one policy in every {@link Language}, and its tool catalogue, read beside the rules:
 * {@code messages.properties} (English, one message per rule id) and {@code messages_fr.properties}
 * (French, the same keys); {@code labels.properties} and {@code labels_fr.properties} (contacts,
 * clause titles in French, suggested changes, the disclosure and frugality sentences); {@code tools.json}.
 *
 * <p>Optional as a whole, so a policy without them still builds (French and the reports are then
 * unavailable); complete when present: a rule without a French message, a clause without a French
 * title or a label missing in one language fails the engine build.
 *
 * <p>Read when the engine is built, and held by it.
 */
final class PolicyTexts implements DecisionAssembler.PolicyMessages {
    static final String MESSAGES_FR = "messages_fr.properties";
    static final String LABELS = "labels.properties";
    static final String LABELS_FR = "labels_fr.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

    /** The labels both languages must have, whatever the rules and catalogue. */
    static final List<String> REQUIRED_LABELS = requiredLabels();

    private final Map<Language, Properties> messages = new EnumMap<>(Language.class);
    private final Map<Language, Properties> labels = new EnumMap<>(Language.class);
    private final ToolCatalogue tools;
    private final String origin;
    private List<String> noPermitClauses = List.of();

    private PolicyTexts(String origin, ToolCatalogue tools) {
        this.origin = origin;
        this.tools = tools;
    }

    /** Reads and checks the texts of a policy against its rules and catalogue. */
    static PolicyTexts read(PolicyFiles files, List<PolicyRule> rules, List<Clause> catalogue) {
        String origin = files.origin();
        String toolsJson = files.files().get(ToolCatalogue.FILE);
        PolicyTexts texts = new PolicyTexts(origin,
                toolsJson == null ? ToolCatalogue.empty() : ToolCatalogue.parse(toolsJson, origin));
        Properties english = load(files.require(PolicyFiles.MESSAGES_FILE), PolicyFiles.MESSAGES_FILE, origin);
        List<String> messageKeys = messageKeys(rules);
        requireAll(english, messageKeys, PolicyFiles.MESSAGES_FILE, origin, "message");
        texts.messages.put(Language.EN, english);
        String frenchMessages = files.files().get(MESSAGES_FR);
        String frenchLabels = files.files().get(LABELS_FR);
        String englishLabels = files.files().get(LABELS);
        if ((frenchMessages == null) != (frenchLabels == null)) {
            throw new PolicyBuildException("the policy at " + origin + " has " + (frenchMessages == null ? LABELS_FR
                    : MESSAGES_FR) + " but not " + (frenchMessages == null ? MESSAGES_FR : LABELS_FR)
                    + ": a translation comes whole");
        }
        if (frenchLabels != null && englishLabels == null) {
            throw new PolicyBuildException("the policy at " + origin + " has " + LABELS_FR + " but not " + LABELS);
        }
        if (englishLabels != null) {
            Properties labels = load(englishLabels, LABELS, origin);
            requireAll(labels, REQUIRED_LABELS, LABELS, origin, "label");
            texts.labels.put(Language.EN, labels);
        }
        if (frenchMessages != null) {
            Properties messages = load(frenchMessages, MESSAGES_FR, origin);
            requireAll(messages, messageKeys, MESSAGES_FR, origin, "message");
            texts.messages.put(Language.FR, messages);
            Properties labels = load(frenchLabels, LABELS_FR, origin);
            List<String> required = new ArrayList<>(REQUIRED_LABELS);
            catalogue.forEach(clause -> required.add("title." + clause.id()));
            requireAll(labels, required, LABELS_FR, origin, "label");
            texts.labels.put(Language.FR, labels);
        }
        String clause = texts.tools.footprintClause();
        if (clause != null && catalogue.stream().noneMatch(c -> c.id().equals(clause))) {
            throw new PolicyBuildException(origin + "/" + ToolCatalogue.FILE + ": footprint.clause " + clause
                    + " is not in the catalogue");
        }
        return texts;
    }

    /** The messages a policy needs: one per rule, what each assumption takes for granted, and the two reasons no rule carries. */
    private static List<String> messageKeys(List<PolicyRule> rules) {
        List<String> keys = new ArrayList<>();
        for (PolicyRule rule : rules) {
            keys.add(rule.id());
            if (rule.assumes() != null) {
                keys.add(rule.id() + ".assumed");
            }
        }
        keys.add(DecisionAssembler.NO_PERMIT);
        keys.add(DecisionAssembler.STRICT);
        return keys;
    }

    PolicyTexts withNoPermitClauses(List<String> clauses, List<Clause> catalogue) {
        for (String clause : clauses) {
            if (catalogue.stream().noneMatch(c -> c.id().equals(clause))) {
                throw new PolicyBuildException(origin + "/" + PolicyFiles.VERSION_FILE + ": noPermit.clauses names "
                        + clause + ", which the catalogue lacks");
            }
        }
        this.noPermitClauses = List.copyOf(clauses);
        return this;
    }

    @Override
    public List<String> noPermitClauses() {
        return noPermitClauses;
    }

    @Override
    public String noPermit(java.util.Locale locale) {
        return rule(DecisionAssembler.NO_PERMIT, Language.of(locale));
    }

    @Override
    public String strict(java.util.Locale locale, List<String> questions) {
        return DecisionAssembler.PolicyMessages.format(rule(DecisionAssembler.STRICT, Language.of(locale)), questions);
    }

    private static Properties load(String text, String file, String origin) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyBuildException(origin + "/" + file + " is malformed: " + e.getMessage(), e);
        }
        return properties;
    }

    private static void requireAll(Properties properties, List<String> keys, String file, String origin, String what) {
        Set<String> missing = new TreeSet<>();
        for (String key : keys) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new PolicyBuildException(origin + "/" + file + " lacks the text of " + missing.size() + " " + what
                    + (missing.size() > 1 ? "s" : "") + ": " + String.join(", ", missing));
        }
    }

    /** Every label an alternative's change may use (the changes are {@code report.AlternativeSearch}'s). */
    private static List<String> changeLabelKeys() {
        List<String> keys = new ArrayList<>();
        for (Hosting hosting : List.of(Hosting.INTERNAL, Hosting.LOCAL, Hosting.EXTERNAL_SOVEREIGN)) {
            keys.add("change.hosting." + hosting.name());
        }
        for (DataCategory category : DataCategory.values()) {
            keys.add("change.remove." + category.name());
        }
        for (ContextField field : ContextField.withRemedy()) {
            keys.add("change.context." + field.jsonName());
        }
        return keys;
    }

    private static List<String> requiredLabels() {
        Set<String> keys = new LinkedHashSet<>();
        for (Contact contact : Contact.values()) {
            keys.add("contact." + contact.name());
        }
        for (Purpose purpose : Purpose.values()) {
            keys.add("purpose." + purpose.name());
        }
        for (Hosting hosting : Hosting.values()) {
            keys.add("disclosure.hosting." + hosting.name());
        }
        keys.addAll(changeLabelKeys());
        keys.addAll(List.of("disclosure.heading", "disclosure.tool", "disclosure.tool.version", "disclosure.size",
                "disclosure.parameters", "disclosure.parameters.missing", "disclosure.role", "disclosure.role.missing",
                "disclosure.verification", "disclosure.verification.missing", "disclosure.responsibility",
                "frugality.footprint", "frugality.smaller", "frugality.smaller.billions",
                "frugality.smaller.millions", "frugality.caveat"));
        return List.copyOf(keys);
    }

    /** Throws when a language's texts are not in this policy. */
    void require(Language language) {
        if (!messages.containsKey(language) || !labels.containsKey(language)) {
            throw new UnsupportedOperationException("the policy at " + origin + " has no " + language.code()
                    + " texts (" + (language == Language.FR ? MESSAGES_FR + ", " + LABELS_FR : LABELS) + ")");
        }
    }

    /** Tells whether a language's texts are in this policy. */
    boolean supports(Language language) {
        return messages.containsKey(language) && labels.containsKey(language);
    }

    ToolCatalogue tools() {
        return tools;
    }

    /** The message of a rule. */
    String rule(String ruleId, Language language) {
        require(language);
        String text = messages.get(language).getProperty(ruleId);
        if (text == null) {
            throw new PolicyEvaluationException("rule " + ruleId + " has no " + language.code() + " message", null);
        }
        return text.strip();
    }

    /** A clause's title: the catalogue's in English, the French label in French. */
    String title(Clause clause, Language language) {
        return language == Language.EN ? clause.title() : label("title." + clause.id(), language);
    }

    /**
     * A label with its {@code {0}}, {@code {1}}… placeholders replaced. Apostrophes are plain text
     * (this is not {@link java.text.MessageFormat}).
     */
    String label(String key, Language language, Object... args) {
        require(language);
        String pattern = labels.get(language).getProperty(key);
        if (pattern == null) {
            throw new PolicyEvaluationException("label " + key + " has no " + language.code() + " text", null);
        }
        return fill(pattern.strip(), args);
    }

    static String fill(String pattern, Object... args) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            String value = index < args.length ? String.valueOf(args[index]) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The decision with its texts and clause titles in a language; the same decision in English. */
    Decision localise(Decision decision, Language language) {
        require(language);
        if (language == Language.EN) {
            return decision;
        }
        List<Clause> citations = decision.citations().stream().map(c -> c.withTitle(title(c, language))).toList();
        List<Assumption> assumptions = decision.assumptions().stream().map(a -> new Assumption(a.rule(), a.field(),
                a.assumed(), rule(a.rule() + ".assumed", language), a.otherwise(), a.rules(), a.clauses(),
                rule(a.rule(), language), a.contacts())).toList();
        List<Reason> reasons = decision.reasons().stream().map(r -> new Reason(r.rule(), r.effect(),
                reasonText(r, assumptions, language), r.clauses())).toList();
        List<Obligation> obligations = decision.obligations().stream().map(o -> new Obligation(o.id(),
                join(o.rules(), language), o.clauses(), o.rules())).toList();
        List<Advice> advice = decision.advice().stream().map(a -> new Advice(a.id(), join(a.rules(), language),
                a.clauses(), a.rules())).toList();
        return new Decision(decision.verdict(), citations, reasons, obligations, advice, decision.escalateTo(),
                decision.policyVersion(), decision.policyDigest(), decision.appliedRules(), assumptions,
                decision.strict());
    }

    private String reasonText(Reason reason, List<Assumption> assumptions, Language language) {
        if (reason.rule().equals(DecisionAssembler.STRICT)) {
            return strict(language.locale(), assumptions.stream().map(Assumption::question).distinct().toList());
        }
        if (reason.rule().equals(FailClosed.ENGINE_FAILURE)) {
            return reason.text();
        }
        return rule(reason.rule(), language);
    }

    /** Several rules' messages for one obligation or advice item, as the engine joins them in English. */
    private String join(List<String> ruleIds, Language language) {
        return String.join(" ", ruleIds.stream().map(id -> rule(id, language)).toList());
    }

    /** A label in every language. */
    Map<Language, String> everyLanguage(String key, Object... args) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            texts.put(language, label(key, language, args));
        }
        return texts;
    }
}
