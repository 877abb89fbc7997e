package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The implementations under benchmark decide alike. The engine and the plain-Java reference give the
 * same verdict, applied rules, cited clauses, kept assumptions, contacts and strictness, plain and
 * strict, exhaustively over hosting × purpose × every subset of the data categories × generative
 * (input the library refuses skipped; a seeded-random tool and context for each) and on seeded-random
 * usages over the whole accepted input space. The peers (naive Drools, Cedar, XACML) report the rules
 * that applied, which must be the reference's: on every random usage and on one usage in
 * {@value #PEER_STRIDE} of the exhaustive space (a seeded offset), since Cedar alone would take
 * minutes over all of it; each peer is also checked on every input of a workload before it is timed.
 * A failure prints its seed.
 */
class EqualityTest {
    private static final long SEED = Long.getLong("aipolicy.seed", System.nanoTime());
    private static PolicyEngine engine;
    private static ReferencePolicy reference;
    private static RuleTable table;
    private static NaiveDrools naive;
    private static CedarPolicy cedar;
    private static XacmlPolicy xacml;
    /** One usage in this many of the exhaustive space also goes to the peers (Cedar costs up to a millisecond a call). */
    private static final int PEER_STRIDE = 16;
    /** Every rule id that applied, and every verdict, over a test: a space that never exercises a rule proves nothing of it. */
    private static final Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void build() {
        engine = PolicyEngine.builder().build();
        reference = new ReferencePolicy(engine);
        table = reference.table();
        naive = new NaiveDrools(reference);
        cedar = new CedarPolicy(reference);
        xacml = new XacmlPolicy(reference);
    }

    @Test
    void theReferenceHoldsAConditionForEveryRuleOfTheEngineAndNoOther() {
        Set<String> engineIds = new TreeSet<>();
        for (PolicyRule rule : engine.rules()) {
            engineIds.add(rule.id());
        }
        assertEquals(engineIds, new TreeSet<>(List.of(ReferencePolicy.RULES)));
        assertEquals(engineIds, new TreeSet<>(Conditions.RULES.keySet()), "one Cedar/XACML condition per rule");
    }

    @Test
    void allAgreeOverHostingPurposeEveryCategorySubsetAndGenerative() {
        Random random = new Random(SEED);
        DataCategory[] categories = DataCategory.values();
        int checked = 0;
        int skipped = 0;
        int offset = random.nextInt(PEER_STRIDE);
        Set<String> seen = new HashSet<>();
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                for (int mask = 0; mask < 1 << categories.length; mask++) {
                    Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
                    for (int i = 0; i < categories.length; i++) {
                        if ((mask & 1 << i) != 0) {
                            set.add(categories[i]);
                        }
                    }
                    for (boolean generative : new boolean[] {true, false}) {
                        if (!Workloads.accepted(set, purpose, generative)) {
                            skipped++;
                            continue;
                        }
                        Tool tool = Workloads.randomTool(random, hosting, generative);
                        seen.addAll(check(new Usage(tool, hosting, set, purpose, Workloads.randomContext(random)),
                                checked % PEER_STRIDE == offset));
                        checked++;
                    }
                }
            }
        }
        assertEquals(Hosting.values().length * Purpose.values().length * (1 << categories.length) * 2,
                checked + skipped);
        assertTrue(skipped > 0 && checked > skipped, checked + " checked, " + skipped + " refused as input");
        assertEverythingSeen(seen);
    }

    @Test
    void allAgreeOnRandomUsages() {
        Random random = new Random(SEED + 1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            seen.addAll(check(Workloads.randomUsage(random), true));
        }
        // uniform draws seldom have no sensitive category (P3, P4 need that): the exhaustive test covers every rule
        seen.retainAll(List.of("ALLOW", "ESCALATE", "DENY"));
        assertEquals(Set.of("ALLOW", "ESCALATE", "DENY"), seen, "every verdict given");
    }

    @Test
    void engineAndReferenceAgreeOnEveryBenchmarkInput() {
        for (Usage usage : Workloads.distinct()) {
            compareEngine(usage);
        }
        for (Usage usage : Workloads.profiles()) {
            compareEngine(usage);
        }
    }

    /** Every rule applied and every verdict came at least once: otherwise the comparison says nothing of them. */
    private static void assertEverythingSeen(Set<String> seen) {
        Set<String> missing = new TreeSet<>(List.of(ReferencePolicy.RULES));
        for (Verdict verdict : Verdict.values()) {
            missing.add(verdict.name());
        }
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "rules never applied and verdicts never given");
    }

    /** Compares everyone on one usage; returns the rule ids that applied and the verdicts given. */
    private static Set<String> check(Usage usage, boolean peers) {
        long applied = reference.applied(usage);
        compareEngine(usage);
        if (peers) {
            compare("naive Drools", applied, naive.applied(usage), usage);
            compare("Cedar", applied, cedar.applied(usage), usage);
            compare("XACML", applied, xacml.applied(usage), usage);
        }
        Set<String> seen = new HashSet<>(table.outcome(table.combine(applied, false)).appliedRules());
        seen.add(table.combine(applied, false).verdict().name());
        seen.add(table.combine(applied, true).verdict().name());
        return seen;
    }

    private static void compareEngine(Usage usage) {
        for (boolean strict : new boolean[] {false, true}) {
            Outcome expected = table.outcome(reference.decide(usage, strict));
            Outcome actual = Outcome.of(engine.evaluate(usage, strict));
            if (!expected.equals(actual)) {
                fail("engine differs from the reference (seed " + SEED + ", rerun with -Daipolicy.seed=" + SEED + ")"
                        + (strict ? ", strict," : "") + " on " + usage + "\n  reference: " + expected + "\n  engine:    "
                        + actual);
            }
        }
    }

    private static void compare(String who, long expected, long actual, Usage usage) {
        if (expected != actual) {
            fail(who + " differs from the reference (seed " + SEED + ", rerun with -Daipolicy.seed=" + SEED + ") on "
                    + usage + "\n  reference: " + table.outcome(table.combine(expected, false)) + "\n  " + who + ": "
                    + table.outcome(table.combine(actual, false)));
        }
    }
}
