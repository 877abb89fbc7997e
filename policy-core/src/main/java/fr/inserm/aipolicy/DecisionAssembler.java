package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Advice;
import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Combines the rules that applied into one decision. This is the only place verdicts combine.
 *
 * <ol>
 *   <li><b>Verdict</b>: DENY if any DENY rule applied; otherwise ESCALATE if any ESCALATE rule
 *       applied; otherwise ALLOW if a permit (ALLOW rule) applied; otherwise DENY, with the reason
 *       {@value #NO_PERMIT}: nothing is allowed silently, so a gap in the rules can never allow.</li>
 *   <li><b>Assumptions</b>: an assumption rule is kept exactly when its verdict "otherwise" is
 *       stricter than the verdict (stating its field could change the answer); the two declarations
 *       nothing checks (hosting, data categories) too, so a DENY keeps none.</li>
 *   <li><b>Strict</b>: a strict decision turns an ALLOW that keeps an assumption into ESCALATE; on
 *       every strict ESCALATE that keeps assumptions (an ALLOW turned ESCALATE, or an ESCALATE
 *       already), it asks the contacts of each assumption (those of the ESCALATE rules it names, or
 *       the AI &amp; Digital Unit when its "otherwise" is DENY) and gives the reason {@value #STRICT}
 *       listing the questions. It asks rather than forbids: never DENY because of an assumption.</li>
 *   <li><b>Reasons</b>: every DENY and ESCALATE rule that applied (an ESCALATE rule stays a reason
 *       under a DENY: it is still true); on an ALLOW, also the rules that permit it.</li>
 *   <li><b>Obligations</b>: on ALLOW and ESCALATE only (a denied use has nothing to fulfil), one per
 *       obligation id, merging the clauses of the rules that asked for it.</li>
 *   <li><b>Advice</b>: always, one per advice id; advice never changes the verdict.</li>
 *   <li><b>Whom to ask</b>: on ESCALATE only, the contacts of every ESCALATE rule and, when strict,
 *       of every assumption kept, once each.</li>
 *   <li><b>Citations</b>: every clause of the reasons, obligations, advice and assumptions kept, once
 *       each, in catalogue order.</li>
 * </ol>
 *
 * A decision without a citation would be unexplained: it is refused with a
 * {@link PolicyEvaluationException} rather than returned.
 */
final class DecisionAssembler {
    /** The reason's rule id on a DENY that no permit rule lifted. */
    static final String NO_PERMIT = "DEFAULT";
    /** The reason's rule id on a strict ESCALATE. */
    static final String STRICT = "STRICT";

    private final List<Clause> catalogue;
    private final Map<String, Integer> catalogueOrder = new HashMap<>();
    private final Comparator<String> clauseOrder;
    private final String version;
    private final String digest;
    private final PolicyMessages messages;
    /** What each rule gives, built once (by rule id): its reason, or its item when it is the item's only rule. */
    private final Map<String, Reason> reasons = new ConcurrentHashMap<>();
    private final Map<String, Obligation> singleObligations = new ConcurrentHashMap<>();
    private final Map<String, Advice> singleAdvice = new ConcurrentHashMap<>();

    DecisionAssembler(List<Clause> catalogue, String version, String digest, PolicyMessages messages) {
        this.catalogue = catalogue;
        for (int i = 0; i < catalogue.size(); i++) {
            catalogueOrder.put(catalogue.get(i).id(), i);
        }
        this.clauseOrder = Comparator.comparing(id -> catalogueOrder.getOrDefault(id, Integer.MAX_VALUE));
        this.version = version;
        this.digest = digest;
        this.messages = messages;
    }

    Decision assemble(List<PolicyRule> applied) {
        return assemble(applied, false);
    }

    Decision assemble(List<PolicyRule> applied, boolean strict) {
        return assembleOrdered(applied.stream().distinct().sorted(RuleBook.ORDER).toList(), strict);
    }

    /** DENY over ESCALATE over a permit (ALLOW); null when no rule decided: no permit, so DENY by default. */
    private static Verdict ruled(List<PolicyRule> rules) {
        Verdict verdict = null;
        boolean permitted = false;
        for (PolicyRule rule : rules) {
            if (rule.effect() == RuleEffect.DENY) {
                verdict = Verdict.DENY;
            } else if (rule.effect() == RuleEffect.ESCALATE && verdict != Verdict.DENY) {
                verdict = Verdict.ESCALATE;
            } else if (rule.effect() == RuleEffect.ALLOW) {
                permitted = true;
            }
        }
        return verdict != null ? verdict : permitted ? Verdict.ALLOW : null;
    }

    /**
     * The assumptions a decision keeps: those whose verdict had the fact been otherwise is stricter than
     * this one, declarations included (an assumption that changes nothing is not written, so a DENY
     * keeps none).
     */
    private static List<PolicyRule> assumed(List<PolicyRule> rules, Verdict verdict) {
        List<PolicyRule> assumed = new ArrayList<>();
        for (PolicyRule rule : rules) {
            if (rule.effect() == RuleEffect.ASSUMPTION && rule.assumes().otherwise().isStricterThan(verdict)) {
                assumed.add(rule);
            }
        }
        return assumed;
    }

    /**
     * Assembles the decision of rules already distinct and in rule-book order ({@link RuleBook#ORDER}),
     * as the runner lists them from its applied-rules mask: no sort on the path of a new usage.
     */
    Decision assembleOrdered(List<PolicyRule> rules, boolean strict) {
        Verdict ruled = ruled(rules);
        boolean noPermit = ruled == null;
        Verdict verdict = noPermit ? Verdict.DENY : ruled;
        List<PolicyRule> assumed = assumed(rules, verdict);
        if (strict && verdict == Verdict.ALLOW && !assumed.isEmpty()) {
            verdict = Verdict.ESCALATE;
        }
        // an ESCALATE already keeps only assumptions whose "otherwise" is DENY: strictly, they are asked too
        boolean strictEscalate = strict && verdict == Verdict.ESCALATE && !assumed.isEmpty();
        List<Reason> reasons = new ArrayList<>();
        Map<String, List<PolicyRule>> obligations = new LinkedHashMap<>();
        Map<String, List<PolicyRule>> advice = new LinkedHashMap<>();
        Set<Contact> contacts = EnumSet.noneOf(Contact.class);
        BitSet cited = new BitSet(catalogue.size()); // by catalogue position: citations come in catalogue order
        for (PolicyRule rule : rules) {
            switch (rule.effect()) {
                case DENY, ESCALATE -> {
                    reasons.add(reason(rule));
                    cite(cited, rule.clauses());
                    if (verdict == Verdict.ESCALATE) {
                        contacts.addAll(rule.escalateTo());
                    }
                }
                case ALLOW -> {
                    if (verdict == Verdict.ALLOW) {
                        reasons.add(reason(rule));
                        cite(cited, rule.clauses());
                    }
                }
                case OBLIGATION -> {
                    if (verdict != Verdict.DENY) {
                        obligations.computeIfAbsent(rule.item(), k -> new ArrayList<>()).add(rule);
                        cite(cited, rule.clauses());
                    }
                }
                case ADVICE -> {
                    advice.computeIfAbsent(rule.item(), k -> new ArrayList<>()).add(rule);
                    cite(cited, rule.clauses());
                }
                case ASSUMPTION -> {
                    // kept or not above
                }
            }
        }
        List<Assumption> assumptions = new ArrayList<>();
        for (PolicyRule rule : assumed) {
            PolicyRule.Assumes a = rule.assumes();
            assumptions.add(new Assumption(rule.id(), a.field(), a.assumed(), a.statement(), a.otherwise(), a.because(),
                    rule.clauses(), rule.text(), a.contacts()));
            cite(cited, rule.clauses());
        }
        if (noPermit) {
            List<String> clauses = messages.noPermitClauses();
            reasons.add(new Reason(NO_PERMIT, Verdict.DENY, messages.noPermit(Locale.ENGLISH), clauses));
            cite(cited, clauses);
        }
        if (strictEscalate) {
            List<String> clauses = new ArrayList<>();
            for (Assumption assumption : assumptions) {
                contacts.addAll(assumption.contacts());
                clauses.addAll(assumption.clauses());
            }
            reasons.add(new Reason(STRICT, Verdict.ESCALATE, messages.strict(Locale.ENGLISH,
                    assumptions.stream().map(Assumption::question).distinct().toList()),
                    clauses.stream().distinct().sorted(clauseOrder).toList()));
        }
        if (cited.isEmpty()) {
            throw new PolicyEvaluationException("no rule applied that cites a clause, so the usage cannot be decided "
                    + "(rules applied: " + rules.stream().map(PolicyRule::id).toList() + ")", null);
        }
        List<String> appliedIds = new ArrayList<>(rules.stream().map(PolicyRule::id).toList());
        return new Decision(verdict, citations(cited), reasons, merge(obligations, Obligation::new, singleObligations),
                merge(advice, Advice::new, singleAdvice), List.copyOf(contacts), version, digest, appliedIds, assumptions, strict);
    }

    /** The reason a DENY, ESCALATE or ALLOW rule gives: the same immutable object every time. */
    private Reason reason(PolicyRule rule) {
        return reasons.computeIfAbsent(rule.id(),
                id -> new Reason(id, Verdict.valueOf(rule.effect().name()), rule.text(), rule.clauses()));
    }

    private void cite(BitSet cited, List<String> clauseIds) {
        for (String id : clauseIds) {
            Integer position = catalogueOrder.get(id);
            if (position == null) {
                // the rule book checks every rule's clauses against the catalogue when the policy is loaded
                throw new PolicyEvaluationException("clause " + id + " is not in the catalogue", null);
            }
            cited.set(position);
        }
    }

    private List<Clause> citations(BitSet cited) {
        List<Clause> clauses = new ArrayList<>(cited.cardinality());
        for (int i = cited.nextSetBit(0); i >= 0; i = cited.nextSetBit(i + 1)) {
            clauses.add(catalogue.get(i));
        }
        return clauses;
    }

    private interface Item<T> {
        T make(String id, String text, List<String> clauses, List<String> rules);
    }

    private <T> List<T> merge(Map<String, List<PolicyRule>> byItem, Item<T> item, Map<String, T> singles) {
        List<T> items = new ArrayList<>(byItem.size());
        byItem.forEach((id, rules) -> {
            if (rules.size() == 1) {
                // most items come from one rule: the same immutable item every time
                PolicyRule rule = rules.get(0);
                items.add(singles.computeIfAbsent(rule.id(), r -> item.make(id, rule.text(),
                        rule.clauses().stream().distinct().sorted(clauseOrder).toList(), List.of(rule.id()))));
                return;
            }
            Set<String> clauses = new LinkedHashSet<>();
            List<String> texts = new ArrayList<>();
            for (PolicyRule rule : rules) {
                clauses.addAll(rule.clauses());
                texts.add(rule.text());
            }
            List<String> ordered = clauses.stream().sorted(clauseOrder).toList();
            items.add(item.make(id, String.join(" ", texts), ordered, rules.stream().map(PolicyRule::id).toList()));
        });
        return items;
    }

    /** The policy's texts for the two reasons no rule carries, in each language. */
    interface PolicyMessages {
        /** @return the clauses a DENY without a permit cites */
        List<String> noPermitClauses();

        /** @return the reason of a DENY without a permit */
        String noPermit(Locale locale);

        /** @return the reason of a strict ESCALATE, listing the questions */
        String strict(Locale locale, List<String> questions);

        /** Formats the strict reason from its template. */
        static String format(String template, List<String> questions) {
            return new MessageFormat(template.replace("'", "''"), Locale.ROOT).format(
                    new Object[] {String.join(" ", questions)});
        }
    }
}
