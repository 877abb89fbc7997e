package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Finds what would make a denied or escalated usage allowed, by deciding variants of it with the
 * same rules: no rule has a hand-written remedy.
 *
 * <p>The single changes tried: another hosting ({@code INTERNAL}, {@code LOCAL},
 * {@code EXTERNAL_SOVEREIGN}); leaving out one data category; and, for each context field with a
 * remedy ({@link ContextField#withRemedy()}, in its order), stating the remedy instead: as done what
 * the rules ask to be done ({@code userTrained}, {@code expertReview}, ... set to true), or giving up
 * what they object to ({@code deployedForOthers}, {@code webScraping} set to false, {@code subscription}
 * to {@code NONE}, {@code codeTarget} to {@code GENERAL}).
 * Every single change and every pair of changes to different fields is decided; sets of three only
 * when no single change or pair works. A set is kept when its variant is allowed and no smaller
 * kept set is part of it, so every change of a kept set is needed. Sets come smallest first, then in
 * the order above.
 */
final class AlternativeSearch {
    /** The most changes one alternative combines. */
    static final int MAX_CHANGES = 3;

    private static final List<Hosting> HOSTINGS = List.of(Hosting.INTERNAL, Hosting.LOCAL, Hosting.EXTERNAL_SOVEREIGN);

    /**
     * One change to a usage.
     *
     * @param field the request field it changes; two steps on the same field never combine
     * @param from the value before, or null when not stated
     * @param to the value after, or null for a removed category
     * @param label the key of its text in the labels
     * @param apply makes the change
     */
    record Step(String field, String from, String to, String label, UnaryOperator<Usage> apply) {
        /** The field and, for a category, which one: two steps with the same key do not combine. */
        String key() {
            return to == null ? field + ":" + from : field;
        }
    }

    private AlternativeSearch() {
    }

    /** The single changes worth trying on a usage, in the order they are ranked. */
    static List<Step> steps(Usage usage) {
        List<Step> steps = new ArrayList<>();
        for (Hosting hosting : HOSTINGS) {
            if (usage.hosting() != hosting) {
                steps.add(new Step("hosting", usage.hosting().name(), hosting.name(), "change.hosting." + hosting.name(),
                        u -> u.toBuilder().hosting(hosting).build()));
            }
        }
        for (DataCategory category : usage.dataCategories()) {
            steps.add(new Step("dataCategories", category.name(), null, "change.remove." + category.name(), u -> {
                Set<DataCategory> rest = EnumSet.noneOf(DataCategory.class);
                rest.addAll(u.dataCategories());
                rest.remove(category);
                return u.toBuilder().dataCategories(rest).build();
            }));
        }
        Context c = usage.context();
        for (ContextField field : ContextField.withRemedy()) {
            if (field.remedyApplies(c)) {
                Object from = field.valueIn(c);
                steps.add(new Step(field.path(), from == null ? null : ContextField.text(from),
                        ContextField.text(field.remedy()), "change.context." + field.jsonName(),
                        u -> u.toBuilder().context(u.context().toBuilder().set(field, field.remedy()).build()).build()));
            }
        }
        return steps;
    }

    /**
     * The minimal sets of steps whose variant the rules allow, smallest first.
     *
     * @param usage the usage
     * @param decide the rules
     * @return the sets; empty when the usage is already allowed or nothing tried works
     */
    static List<List<Step>> search(Usage usage, Function<Usage, Decision> decide) {
        if (decide.apply(usage).verdict() == Verdict.ALLOW) {
            return List.of();
        }
        List<Step> steps = steps(usage);
        List<Set<Integer>> found = new ArrayList<>();
        List<List<Step>> results = new ArrayList<>();
        for (int size = 1; size <= MAX_CHANGES && size <= steps.size(); size++) {
            if (size > 2 && !found.isEmpty()) {
                break;
            }
            for (int[] combination : combinations(steps.size(), size)) {
                Set<Integer> indices = new LinkedHashSet<>();
                Set<String> keys = new LinkedHashSet<>();
                List<Step> chosen = new ArrayList<>();
                for (int index : combination) {
                    indices.add(index);
                    keys.add(steps.get(index).key());
                    chosen.add(steps.get(index));
                }
                if (keys.size() < size || found.stream().anyMatch(indices::containsAll)) {
                    continue;
                }
                Usage variant;
                try {
                    variant = apply(usage, chosen);
                } catch (InvalidUsageException e) {
                    continue; // a change the policy refuses (no data left for a purpose that needs some) is no alternative
                }
                if (decide.apply(variant).verdict() == Verdict.ALLOW) {
                    found.add(indices);
                    results.add(List.copyOf(chosen));
                }
            }
        }
        return results;
    }

    static Usage apply(Usage usage, List<Step> steps) {
        Usage variant = usage;
        for (Step step : steps) {
            variant = step.apply().apply(variant);
        }
        return variant;
    }

    /** Every increasing sequence of {@code size} indices below {@code n}, in lexicographic order. */
    static List<int[]> combinations(int n, int size) {
        List<int[]> all = new ArrayList<>();
        int[] current = new int[size];
        for (int i = 0; i < size; i++) {
            current[i] = i;
        }
        while (true) {
            all.add(current.clone());
            int i = size - 1;
            while (i >= 0 && current[i] == n - size + i) {
                i--;
            }
            if (i < 0) {
                return all;
            }
            current[i]++;
            for (int j = i + 1; j < size; j++) {
                current[j] = current[j - 1] + 1;
            }
        }
    }

    /** The alternatives of a usage, described in every language. */
    static List<Alternative> alternatives(Usage usage, Function<Usage, Decision> decide, Policy texts,
            List<Clause> catalogue) {
        Objects.requireNonNull(usage, "usage");
        Decision original = decide.apply(usage);
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < catalogue.size(); i++) {
            order.put(catalogue.get(i).id(), i);
        }
        List<Alternative> alternatives = new ArrayList<>();
        for (List<Step> steps : search(usage, decide)) {
            Usage variant = apply(usage, steps);
            Decision allowed = decide.apply(variant);
            List<String> resolved = new ArrayList<>();
            Set<String> clauses = new LinkedHashSet<>();
            for (Reason reason : original.reasons()) {
                if (reason.effect() != Verdict.ALLOW && !allowed.appliedRules().contains(reason.rule())) {
                    resolved.add(reason.rule());
                    clauses.addAll(reason.clauses());
                }
            }
            List<String> ordered = clauses.stream()
                    .sorted((a, b) -> Integer.compare(order.getOrDefault(a, Integer.MAX_VALUE),
                            order.getOrDefault(b, Integer.MAX_VALUE)))
                    .toList();
            List<Change> changes = steps.stream()
                    .map(s -> new Change(s.field(), s.from(), s.to(), texts.everyLanguage(s.label())))
                    .toList();
            alternatives.add(new Alternative(changes, variant, resolved, ordered, allowed.obligationIds()));
        }
        return alternatives;
    }
}
