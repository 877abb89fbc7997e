package fr.inserm.aipolicy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import fr.inserm.aipolicy.DataCategory;
import fr.inserm.aipolicy.Hosting;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.Purpose;
import fr.inserm.aipolicy.Tool;
import fr.inserm.aipolicy.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The implementations under benchmark decide alike: the engine, the plain-Java reference, the naive
 * Drools session and Cedar give the same verdict, applied rules and cited clauses, exhaustively over
 * hosting × purpose × every subset of the data categories (with a seeded-random tool and context for
 * each), and on seeded-random usages over the whole input space. A failure prints its seed.
 */
class EqualityTest {
    private static final long SEED = Long.getLong("aipolicy.seed", System.nanoTime());
    private static PolicyEngine engine;
    private static NaiveDrools naive;
    private static CedarPolicy cedar;
    private static final ReferencePolicy REFERENCE = new ReferencePolicy();

    @BeforeAll
    static void build() {
        engine = PolicyEngine.builder().build();
        naive = new NaiveDrools();
        cedar = new CedarPolicy();
    }

    @Test
    void theReferenceTableIsTheEnginesRuleTable() {
        List<String> ids = new ArrayList<>();
        for (PolicyRule rule : engine.rules()) {
            ids.add(rule.id());
            int i = List.of(ReferencePolicy.RULES).indexOf(rule.id());
            if (i >= 0) {
                assertEquals(rule.effect(), ReferencePolicy.EFFECTS[i], rule.id() + " effect");
                assertEquals(rule.clauses(), List.of(ReferencePolicy.CLAUSES[i]), rule.id() + " clauses");
            }
        }
        assertEquals(List.of(ReferencePolicy.RULES), ids, "rule ids in rule-table order");
        assertEquals(List.of(ReferencePolicy.CATALOGUE), engine.catalogue().stream().map(c -> c.id()).toList());
        assertEquals(Set.copyOf(ids), CedarPolicy.CONDITIONS.keySet(), "one Cedar policy per rule");
    }

    @Test
    void allFourAgreeOverHostingPurposeAndEveryCategorySubset() {
        Random random = new Random(SEED);
        DataCategory[] categories = DataCategory.values();
        int checked = 0;
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                for (int mask = 0; mask < 1 << categories.length; mask++) {
                    Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
                    for (int i = 0; i < categories.length; i++) {
                        if ((mask & 1 << i) != 0) {
                            set.add(categories[i]);
                        }
                    }
                    Usage random0 = Workloads.randomUsage(random);
                    Tool tool = random0.tool();
                    check(new Usage(tool, hosting, set, purpose, random0.context()), true);
                    checked++;
                }
            }
        }
        assertEquals(Hosting.values().length * Purpose.values().length * (1 << categories.length), checked);
    }

    @Test
    void allFourAgreeOnRandomUsages() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 20_000; i++) {
            check(Workloads.randomUsage(random), true);
        }
    }

    @Test
    void engineAndReferenceAgreeOnEveryBenchmarkInput() {
        for (Usage usage : Workloads.distinct()) {
            check(usage, false);
        }
        for (Usage usage : Workloads.profiles()) {
            check(usage, false);
        }
    }

    private static void check(Usage usage, boolean peers) {
        Outcome expected = REFERENCE.decide(usage).outcome();
        compare("engine", expected, Outcome.of(engine.evaluate(usage)), usage);
        if (peers) {
            compare("naive Drools", expected, naive.decide(usage).outcome(), usage);
            compare("Cedar", expected, cedar.decide(usage).outcome(), usage);
        }
    }

    private static void compare(String who, Outcome expected, Outcome actual, Usage usage) {
        if (!expected.equals(actual)) {
            fail(who + " differs from the reference (seed " + SEED + ", rerun with -Daipolicy.seed=" + SEED + ") on "
                    + usage + "\n  reference: " + expected + "\n  " + who + ": " + actual);
        }
    }
}
