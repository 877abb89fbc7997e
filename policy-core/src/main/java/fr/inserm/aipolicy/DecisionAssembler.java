package fr.inserm.aipolicy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Combines the rules that applied into one decision. This is the only place verdicts combine.
 *
 * <ol>
 *   <li><b>Verdict</b>: DENY if any DENY rule applied; otherwise ESCALATE if any ESCALATE rule
 *       applied; otherwise ALLOW. Deny overrides escalate, which overrides allow.</li>
 *   <li><b>Reasons</b>: every DENY and ESCALATE rule that applied (an ESCALATE rule stays a reason
 *       under a DENY: it is still true); on an ALLOW, also the rules that permit it.</li>
 *   <li><b>Obligations</b>: on ALLOW and ESCALATE only (a denied use has nothing to fulfil), one per
 *       obligation id, merging the clauses of the rules that asked for it.</li>
 *   <li><b>Advice</b>: always, one per advice id; advice never changes the verdict.</li>
 *   <li><b>Whom to ask</b>: on ESCALATE only, the contacts of every ESCALATE rule, once each.</li>
 *   <li><b>Citations</b>: every clause of the reasons, obligations and advice kept, once each, in
 *       catalogue order.</li>
 * </ol>
 *
 * A decision without a citation would be unexplained: it is refused with a
 * {@link PolicyEvaluationException} rather than returned, so no ALLOW can come from a gap in the rules.
 */
final class DecisionAssembler {
    private final List<Clause> catalogue;
    private final Map<String, Integer> catalogueOrder = new HashMap<>();
    private final String version;
    private final String digest;

    DecisionAssembler(List<Clause> catalogue, String version, String digest) {
        this.catalogue = catalogue;
        for (int i = 0; i < catalogue.size(); i++) {
            catalogueOrder.put(catalogue.get(i).id(), i);
        }
        this.version = version;
        this.digest = digest;
    }

    Decision assemble(List<PolicyRule> applied) {
        List<PolicyRule> rules = applied.stream().distinct().sorted(RuleBook.ORDER).toList();
        Verdict verdict = Verdict.ALLOW;
        for (PolicyRule rule : rules) {
            if (rule.effect() == RuleEffect.DENY) {
                verdict = Verdict.DENY;
            } else if (rule.effect() == RuleEffect.ESCALATE && verdict == Verdict.ALLOW) {
                verdict = Verdict.ESCALATE;
            }
        }
        List<Reason> reasons = new ArrayList<>();
        Map<String, List<PolicyRule>> obligations = new LinkedHashMap<>();
        Map<String, List<PolicyRule>> advice = new LinkedHashMap<>();
        Set<Contact> contacts = EnumSet.noneOf(Contact.class);
        Set<String> cited = new LinkedHashSet<>();
        for (PolicyRule rule : rules) {
            switch (rule.effect()) {
                case DENY, ESCALATE -> {
                    reasons.add(new Reason(rule.id(), Verdict.valueOf(rule.effect().name()), rule.text(), rule.clauses()));
                    cited.addAll(rule.clauses());
                    if (verdict == Verdict.ESCALATE) {
                        contacts.addAll(rule.escalateTo());
                    }
                }
                case ALLOW -> {
                    if (verdict == Verdict.ALLOW) {
                        reasons.add(new Reason(rule.id(), Verdict.ALLOW, rule.text(), rule.clauses()));
                        cited.addAll(rule.clauses());
                    }
                }
                case OBLIGATION -> {
                    if (verdict != Verdict.DENY) {
                        obligations.computeIfAbsent(rule.item(), k -> new ArrayList<>()).add(rule);
                        cited.addAll(rule.clauses());
                    }
                }
                case ADVICE -> {
                    advice.computeIfAbsent(rule.item(), k -> new ArrayList<>()).add(rule);
                    cited.addAll(rule.clauses());
                }
            }
        }
        if (cited.isEmpty()) {
            throw new PolicyEvaluationException("no rule applied that cites a clause, so the usage cannot be decided "
                    + "(rules applied: " + rules.stream().map(PolicyRule::id).toList() + ")", null);
        }
        return new Decision(verdict, citations(cited), reasons,
                merge(obligations, (id, text, clauses, ids) -> new Obligation(id, text, clauses, ids)),
                merge(advice, (id, text, clauses, ids) -> new Advice(id, text, clauses, ids)),
                List.copyOf(contacts), version, digest, rules.stream().map(PolicyRule::id).toList());
    }

    private List<Clause> citations(Set<String> ids) {
        List<Clause> clauses = new ArrayList<>(ids.size());
        for (Clause clause : catalogue) {
            if (ids.contains(clause.id())) {
                clauses.add(clause);
            }
        }
        return clauses;
    }

    /** Makes an obligation or an advice item from the rules that gave it. */
    private interface Item<T> {
        T make(String id, String text, List<String> clauses, List<String> rules);
    }

    private <T> List<T> merge(Map<String, List<PolicyRule>> byItem, Item<T> item) {
        List<T> items = new ArrayList<>();
        byItem.forEach((id, rules) -> {
            Set<String> clauses = new LinkedHashSet<>();
            List<String> texts = new ArrayList<>();
            for (PolicyRule rule : rules) {
                clauses.addAll(rule.clauses());
                texts.add(rule.text());
            }
            List<String> ordered = clauses.stream()
                    .sorted(java.util.Comparator.comparing((Function<String, Integer>) catalogueOrder::get))
                    .toList();
            items.add(item.make(id, String.join(" ", texts), ordered, rules.stream().map(PolicyRule::id).toList()));
        });
        return items;
    }
}
