package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The search on small hand-written policies, so it is tested apart from the real rules. */
class AlternativeSearchTest {

    /** DENY sensitive data outside; ESCALATE untrained users; ESCALATE automated processing outside without DPIA and agreement. */
    static final Function<Usage, Decision> RULES = usage -> {
        List<Reason> reasons = new ArrayList<>();
        if (usage.isExternal() && usage.includesSensitiveData()) {
            reasons.add(new Reason("D", Verdict.DENY, "d", List.of("R4.1")));
        }
        if (Boolean.FALSE.equals(usage.context().userTrained())) {
            reasons.add(new Reason("T", Verdict.ESCALATE, "t", List.of("R1")));
        }
        if (usage.purpose() == Purpose.AUTOMATED_PROCESSING && usage.isExternal()
                && !(Boolean.TRUE.equals(usage.context().dpiaCompleted())
                        && Boolean.TRUE.equals(usage.context().subcontractingAgreement()))) {
            reasons.add(new Reason("A", Verdict.ESCALATE, "a", List.of("R4.4")));
        }
        Verdict verdict = reasons.stream().anyMatch(r -> r.effect() == Verdict.DENY) ? Verdict.DENY
                : reasons.isEmpty() ? Verdict.ALLOW : Verdict.ESCALATE;
        return new Decision(verdict, List.of(), reasons, List.of(), List.of(), List.of(), "1", "sha256:x",
                reasons.stream().map(Reason::rule).toList());
    };

    private static List<List<String>> search(Usage usage, Function<Usage, Decision> rules) {
        return AlternativeSearch.search(usage, rules).stream()
                .map(steps -> steps.stream().map(s -> s.field() + "=" + (s.to() == null ? "-" + s.from() : s.to())).toList())
                .toList();
    }

    @Test
    void findsSingleChangesInOrder() {
        Usage usage = Usage.builder().tool("x").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.PSEUDONYMISED_DATA, DataCategory.PUBLIC).purpose(Purpose.WRITING).build();
        assertEquals(List.of(List.of("hosting=INTERNAL"), List.of("hosting=LOCAL"),
                List.of("dataCategories=-PSEUDONYMISED_DATA")), search(usage, RULES));
    }

    @Test
    void findsAPairWhenBothAreNeededAndNothingContainingASmallerSolution() {
        Usage usage = Usage.builder().tool("x").hosting(Hosting.EXTERNAL_SOVEREIGN).purpose(Purpose.AUTOMATED_PROCESSING)
                .dataCategories(DataCategory.PUBLIC).build();
        assertEquals(List.of(List.of("hosting=INTERNAL"), List.of("hosting=LOCAL"),
                List.of("context.dpiaCompleted=true", "context.subcontractingAgreement=true")), search(usage, RULES));
    }

    @Test
    void triesThreeChangesOnlyWhenNoSingleChangeOrPairWorks() {
        Function<Usage, Decision> strict = usage -> {
            Context c = usage.context();
            boolean ok = Boolean.TRUE.equals(c.userTrained()) && Boolean.TRUE.equals(c.dpiaCompleted())
                    && Boolean.TRUE.equals(c.expertReview());
            return new Decision(ok ? Verdict.ALLOW : Verdict.ESCALATE, List.of(), List.of(), List.of(), List.of(),
                    List.of(), "1", "sha256:x", List.of());
        };
        Usage usage = Usage.builder().tool("x").hosting(Hosting.LOCAL).purpose(Purpose.OTHER).build();
        assertEquals(List.of(List.of("context.userTrained=true", "context.expertReview=true",
                "context.dpiaCompleted=true")), search(usage, strict));
        Function<Usage, Decision> never = u -> new Decision(Verdict.DENY, List.of(), List.of(), List.of(),
                List.of(), List.of(), "1", "sha256:x", List.of());
        assertEquals(List.of(), search(usage, never));
    }

    @Test
    void anAllowedUsageHasNoAlternative() {
        Usage usage = Usage.builder().tool("x").hosting(Hosting.LOCAL).dataCategories(DataCategory.PSEUDONYMISED_DATA)
                .purpose(Purpose.WRITING).build();
        assertEquals(List.of(), search(usage, RULES));
    }

    @Test
    void everyAlternativeIsAllowedAndMinimalOnSeededRandomUsages() {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 300; i++) {
            Set<DataCategory> categories = new HashSet<>();
            for (DataCategory category : DataCategory.values()) {
                if (random.nextInt(5) == 0) {
                    categories.add(category);
                }
            }
            Boolean[] flags = {null, true, false};
            Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
            if (categories.isEmpty() && purpose.consumesData()) {
                categories.add(DataCategory.PUBLIC);
            }
            Usage usage = Usage.builder().tool("x").hosting(Hosting.values()[random.nextInt(4)]).dataCategories(categories)
                    .purpose(purpose)
                    .context(Context.builder().userTrained(flags[random.nextInt(3)])
                            .dpiaCompleted(flags[random.nextInt(3)]).subcontractingAgreement(flags[random.nextInt(3)])
                            .build())
                    .build();
            List<List<AlternativeSearch.Step>> found = AlternativeSearch.search(usage, RULES);
            String where = "seed " + seed + ", usage " + PolicyJson.write(usage);
            for (List<AlternativeSearch.Step> steps : found) {
                assertEquals(Verdict.ALLOW, RULES.apply(AlternativeSearch.apply(usage, steps)).verdict(), where);
                for (int left = 0; left < steps.size(); left++) {
                    List<AlternativeSearch.Step> fewer = new ArrayList<>(steps);
                    fewer.remove(left);
                    Usage smaller;
                    try {
                        smaller = AlternativeSearch.apply(usage, fewer);
                    } catch (InvalidUsageException e) {
                        continue;
                    }
                    assertTrue(fewer.isEmpty() || RULES.apply(smaller).verdict() != Verdict.ALLOW,
                            "not minimal: " + steps + ", " + where);
                }
                for (List<AlternativeSearch.Step> other : found) {
                    assertTrue(other == steps || !steps.containsAll(other), "contains another: " + where);
                }
            }
            if (RULES.apply(usage).verdict() != Verdict.ALLOW) {
                for (AlternativeSearch.Step step : AlternativeSearch.steps(usage)) {
                    Usage variant;
                    try {
                        variant = step.apply().apply(usage);
                    } catch (InvalidUsageException e) {
                        continue; // refused as input: not an alternative
                    }
                    if (RULES.apply(variant).verdict() == Verdict.ALLOW) {
                        assertTrue(found.stream().anyMatch(f -> f.size() == 1 && f.get(0).key().equals(step.key())
                                && java.util.Objects.equals(f.get(0).to(), step.to())),
                                "single change missed: " + step + ", " + where);
                    }
                }
            }
        }
    }

    @Test
    void enumeratesCombinationsInOrder() {
        assertEquals(List.of("[0, 1]", "[0, 2]", "[1, 2]"),
                AlternativeSearch.combinations(3, 2).stream().map(java.util.Arrays::toString).toList());
        assertEquals(10, AlternativeSearch.combinations(5, 3).size());
    }
}
