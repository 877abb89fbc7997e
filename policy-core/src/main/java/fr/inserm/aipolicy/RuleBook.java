package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.ContextField;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.kie.api.definition.rule.Rule;

/**
 * The rules of a policy read from their DRL metadata, checked against the catalogue and the
 * messages. Independent of how Drools runs them.
 */
final class RuleBook {
    /** Effects in the order rules are listed: the deciding ones first. */
    static final Comparator<PolicyRule> ORDER = Comparator.comparing(PolicyRule::effect)
            .thenComparing(PolicyRule::id, RuleBook::compareIds);

    private final Map<String, PolicyRule> byName;
    private final List<PolicyRule> rules;

    private RuleBook(Map<String, PolicyRule> byName) {
        this.byName = byName;
        this.rules = byName.values().stream().sorted(ORDER).toList();
    }

    /**
     * Reads every rule's metadata and checks it.
     *
     * @param droolsRules the compiled rules, with their source file
     * @param catalogueIds the clause ids of the catalogue
     * @param messagesText the messages file, keyed by rule id
     */
    static RuleBook of(Map<Rule, String> droolsRules, Set<String> catalogueIds, String messagesText, String origin) {
        Properties messages = new Properties();
        try {
            messages.load(new StringReader(messagesText));
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyBuildException(origin + "/" + PolicyFiles.MESSAGES_FILE + " is malformed: " + e.getMessage(), e);
        }
        Map<String, PolicyRule> byName = new LinkedHashMap<>();
        Map<String, String> nameById = new HashMap<>();
        for (Map.Entry<Rule, String> entry : droolsRules.entrySet()) {
            Rule rule = entry.getKey();
            String file = entry.getValue();
            String where = file + ", rule \"" + rule.getName() + "\"";
            Map<String, Object> meta = rule.getMetaData();
            String id = text(meta, "id", where);
            String effectName = text(meta, "effect", where);
            RuleEffect effect;
            try {
                effect = RuleEffect.valueOf(effectName);
            } catch (IllegalArgumentException e) {
                throw new PolicyBuildException(where + ": @effect(\"" + effectName + "\") is not one of "
                        + Arrays.toString(RuleEffect.values()));
            }
            List<String> clauses = words(text(meta, "clauses", where));
            for (String clause : clauses) {
                if (!catalogueIds.contains(clause)) {
                    throw new PolicyBuildException(where + " cites clause " + clause + ", which the catalogue lacks");
                }
            }
            List<Contact> contacts = new ArrayList<>();
            if (effect == RuleEffect.ESCALATE) {
                for (String contact : words(text(meta, "escalateTo", where))) {
                    try {
                        contacts.add(Contact.valueOf(contact));
                    } catch (IllegalArgumentException e) {
                        throw new PolicyBuildException(where + ": @escalateTo names " + contact + ", not one of "
                                + Arrays.toString(Contact.values()));
                    }
                }
            }
            String item = null;
            if (effect == RuleEffect.OBLIGATION || effect == RuleEffect.ADVICE) {
                item = text(meta, "item", where);
            }
            String message = messages.getProperty(id);
            if (message == null || message.isBlank()) {
                throw new PolicyBuildException(where + ": rule " + id + " has no message in " + PolicyFiles.MESSAGES_FILE);
            }
            PolicyRule.Assumes assumes = null;
            if (effect == RuleEffect.ASSUMPTION) {
                assumes = assumes(meta, where, messages.getProperty(id + ".assumed"), id);
            }
            String previous = nameById.put(id, rule.getName());
            if (previous != null) {
                throw new PolicyBuildException(where + ": rule id " + id + " is also the id of rule \"" + previous + "\"");
            }
            byName.put(rule.getName(), new PolicyRule(id, rule.getName(), effect, clauses, contacts, item,
                    message.strip(), file, assumes));
        }
        if (byName.isEmpty()) {
            throw new PolicyBuildException("the policy at " + origin + " has no rules");
        }
        return new RuleBook(withContacts(byName));
    }

    private static final Set<String> ASSUMABLE_FIELDS = assumableFields();

    private static Set<String> assumableFields() {
        Set<String> fields = new java.util.HashSet<>(Set.of("hosting", "dataCategories"));
        ContextField.all().forEach(f -> fields.add(f.path()));
        return Set.copyOf(fields);
    }

    private static PolicyRule.Assumes assumes(Map<String, Object> meta, String where, String statement, String id) {
        String field = text(meta, "field", where);
        if (!ASSUMABLE_FIELDS.contains(field)) {
            throw new PolicyBuildException(where + ": @field(\"" + field + "\") is not a field of a usage; accepted: "
                    + new java.util.TreeSet<>(ASSUMABLE_FIELDS));
        }
        String otherwise = text(meta, "otherwise", where);
        if (!otherwise.equals("DENY") && !otherwise.equals("ESCALATE")) {
            throw new PolicyBuildException(where + ": @otherwise(\"" + otherwise + "\") must be DENY or ESCALATE");
        }
        if (statement == null || statement.isBlank()) {
            throw new PolicyBuildException(where + ": rule " + id + " has no " + id + ".assumed message in "
                    + PolicyFiles.MESSAGES_FILE);
        }
        return new PolicyRule.Assumes(field, text(meta, "assumed", where), statement.strip(), Verdict.valueOf(otherwise),
                words(text(meta, "because", where)), List.of());
    }

    /** Resolves each assumption's {@code @because} rules, and from them whom a strict decision asks. */
    private static Map<String, PolicyRule> withContacts(Map<String, PolicyRule> byName) {
        Map<String, PolicyRule> byId = new HashMap<>();
        byName.values().forEach(r -> byId.put(r.id(), r));
        Map<String, PolicyRule> resolved = new LinkedHashMap<>();
        byName.forEach((name, rule) -> {
            PolicyRule.Assumes a = rule.assumes();
            if (a == null) {
                resolved.put(name, rule);
                return;
            }
            String where = rule.file() + ", rule \"" + name + "\"";
            java.util.Set<Contact> contacts = java.util.EnumSet.noneOf(Contact.class);
            for (String because : a.because()) {
                PolicyRule cause = byId.get(because);
                if (cause == null) {
                    throw new PolicyBuildException(where + ": @because names rule " + because + ", which the policy lacks");
                }
                if (!cause.effect().name().equals(a.otherwise().name())) {
                    throw new PolicyBuildException(where + ": @because names rule " + because + ", whose effect is "
                            + cause.effect() + ", not " + a.otherwise());
                }
                contacts.addAll(cause.escalateTo());
            }
            if (a.otherwise() == Verdict.DENY) {
                // a strict decision asks rather than forbids: the AI & Digital Unit answers for what would be denied
                contacts = java.util.EnumSet.of(Contact.AI_UNIT);
            }
            resolved.put(name, new PolicyRule(rule.id(), name, rule.effect(), rule.clauses(), rule.escalateTo(),
                    rule.item(), rule.text(), rule.file(), new PolicyRule.Assumes(a.field(), a.assumed(), a.statement(),
                            a.otherwise(), a.because(), List.copyOf(contacts))));
        });
        return resolved;
    }

    /**
     * Checks the loaded rules against the ids the policy's manifest declares.
     *
     * @throws PolicyBuildException naming the rules missing or not declared
     */
    void checkDeclared(List<String> declared, String origin) {
        Set<String> loaded = new java.util.TreeSet<>();
        rules.forEach(r -> loaded.add(r.id()));
        Set<String> expected = new java.util.TreeSet<>(declared);
        Set<String> missing = new java.util.TreeSet<>(expected);
        missing.removeAll(loaded);
        Set<String> extra = new java.util.TreeSet<>(loaded);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new PolicyBuildException("the rules at " + origin + " are not the ones its manifest ("
                    + PolicyFiles.VERSION_FILE + ", rules=) declares:"
                    + (missing.isEmpty() ? "" : " missing " + missing) + (extra.isEmpty() ? "" : " not declared " + extra));
        }
    }

    /** The rule a finding names. */
    PolicyRule byName(String name) {
        PolicyRule rule = byName.get(name);
        if (rule == null) {
            throw new PolicyEvaluationException("a finding names rule \"" + name + "\", which the policy lacks", null);
        }
        return rule;
    }

    List<PolicyRule> rules() {
        return rules;
    }

    private static String text(Map<String, Object> meta, String key, String where) {
        Object value = meta.get(key);
        String text = value == null ? "" : value.toString().strip();
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            throw new PolicyBuildException(where + " has no @" + key + "(\"…\") metadata");
        }
        return text;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isEmpty()).collect(Collectors.toList());
    }

    /** Where an id switches between digits and non-digits; compiled once, as ids are compared on every decision. */
    /**
     * Compares rule ids as people read them: by letters, then by number, then by what follows
     * ({@code O1 < O1b < O2 < O10}). Called on every assembly, so written without regular expressions.
     */
    static int compareIds(String a, String b) {
        int la = letters(a);
        int lb = letters(b);
        int c = a.substring(0, la).compareTo(b.substring(0, lb));
        if (c != 0) {
            return c;
        }
        int da = digitsEnd(a, la);
        int db = digitsEnd(b, lb);
        if (da > la && db > lb) {
            c = Long.compare(number(a, la, da), number(b, lb, db));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static int letters(String id) {
        int i = 0;
        while (i < id.length() && !Character.isDigit(id.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int digitsEnd(String id, int from) {
        int i = from;
        while (i < id.length() && i - from < 18 && Character.isDigit(id.charAt(i))) {
            i++;
        }
        return i;
    }

    private static long number(String id, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (id.charAt(i) - '0');
        }
        return n;
    }
}
