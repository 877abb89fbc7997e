package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariants over the whole input space: exhaustive over hosting × purpose × every subset of data
 * categories, under the empty context and under seeded-random contexts and tools. A failure prints
 * the seed and the failing usage shrunk to a small one. Set -Daipolicy.seed=N to replay a run.
 */
@Tag("slow") // left out by -Pquick: a rule change in progress runs the rest in a third of the time
class InvariantsTest {
    static final PolicyEngine ENGINE = ScenarioFilesTest.ENGINE;
    static final long SEED = Long.getLong("aipolicy.seed", System.nanoTime());
    static final int RANDOM_CONTEXTS = 4;
    static final Hosting[] INSIDE = {Hosting.LOCAL, Hosting.INTERNAL};
    static final Hosting[] OUTSIDE = {Hosting.EXTERNAL_SOVEREIGN, Hosting.EXTERNAL};

    /** What must hold of every decision; empty when it does. */
    static Optional<String> violation(Usage usage) {
        Decision d = ENGINE.evaluate(usage);
        if (d.citations().isEmpty()) {
            return Optional.of("cites no clause");
        }
        for (String id : d.citedClauseIds()) {
            if (ENGINE.clause(id).isEmpty()) {
                return Optional.of("cites " + id + ", which is not in the catalogue");
            }
        }
        if (usage.isExternal() && usage.includesSensitiveData() && d.verdict() != Verdict.DENY) {
            return Optional.of("sensitive data on an external platform got " + d.verdict());
        }
        if (d.verdict() == Verdict.ESCALATE && d.escalateTo().isEmpty()) {
            return Optional.of("ESCALATE names no one to ask");
        }
        if (d.verdict() != Verdict.ALLOW && d.reasons().stream()
                .noneMatch(r -> r.effect() == d.verdict() && !r.clauses().isEmpty())) {
            return Optional.of(d.verdict() + " without a reason carrying clause ids: " + d.reasons());
        }
        if (d.verdict() == Verdict.ALLOW && d.reasons().stream().map(Reason::effect).anyMatch(e -> e != Verdict.ALLOW)) {
            return Optional.of("ALLOW with a DENY or ESCALATE reason");
        }
        if (!d.equals(ENGINE.evaluate(usage))) {
            return Optional.of("a second evaluation decided differently");
        }
        return Optional.empty();
    }

    private static void report(String invariant, Usage failing, Predicate<Usage> fails, Function<Usage, String> why) {
        Usage small = UsageSpace.shrink(failing, fails);
        fail(invariant + " (seed " + SEED + ", replay with -Daipolicy.seed=" + SEED + ")\n  usage:  "
                + PolicyJson.write(small) + "\n  why:    " + why.apply(small) + "\n  original: " + PolicyJson.write(failing));
    }

    /** The tools and contexts explored: the plain ones, then seeded-random ones. */
    static List<Object[]> toolsAndContexts() {
        List<Object[]> list = new ArrayList<>();
        list.add(new Object[] {Tool.named("t"), Context.NOT_STATED});
        list.add(new Object[] {new Tool("t", false, 0.1), Context.builder().userTrained(true).build()});
        Random random = new Random(SEED);
        for (int i = 0; i < RANDOM_CONTEXTS; i++) {
            list.add(new Object[] {UsageSpace.randomTool(random), UsageSpace.randomContext(random)});
        }
        return list;
    }

    @Test
    void everyDecisionIsExplainedAndSensitiveDataNeverLeave() {
        long checked = 0;
        for (Object[] tc : toolsAndContexts()) {
            for (Hosting h : Hosting.values()) {
                for (Purpose p : Purpose.values()) {
                    for (int mask = 0; mask < UsageSpace.SUBSETS; mask++) {
                        if (!UsageSpace.accepted((Tool) tc[0], p, mask)) {
                            continue;
                        }
                        Usage u = UsageSpace.usage((Tool) tc[0], h, p, mask, (Context) tc[1]);
                        if (violation(u).isPresent()) {
                            report("a decision invariant fails", u, x -> violation(x).isPresent(),
                                    x -> violation(x).orElse("?"));
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 500_000, "checked " + checked);
    }

    @Test
    void addingACategoryOrLeavingInsideNeverMakesTheVerdictMorePermissive() {
        for (Object[] tc : toolsAndContexts()) {
            Tool tool = (Tool) tc[0];
            Context context = (Context) tc[1];
            for (Purpose p : Purpose.values()) {
                if (!UsageSpace.accepted(tool, p, 1)) {
                    continue;
                }
                Verdict[][] verdicts = new Verdict[Hosting.values().length][UsageSpace.SUBSETS];
                for (Hosting h : Hosting.values()) {
                    for (int mask = 0; mask < UsageSpace.SUBSETS; mask++) {
                        verdicts[h.ordinal()][mask] = UsageSpace.accepted(tool, p, mask)
                                ? ENGINE.evaluate(UsageSpace.usage(tool, h, p, mask, context)).verdict() : Verdict.ALLOW;
                    }
                }
                for (Hosting h : Hosting.values()) {
                    for (int mask = 0; mask < UsageSpace.SUBSETS; mask++) {
                        for (int bit = 0; bit < UsageSpace.CATEGORIES.length; bit++) {
                            int more = mask | (1 << bit);
                            if (verdicts[h.ordinal()][more].compareTo(verdicts[h.ordinal()][mask]) < 0) {
                                DataCategory added = UsageSpace.CATEGORIES[bit];
                                report("adding " + added + " made the verdict more permissive",
                                        UsageSpace.usage(tool, h, p, mask, context),
                                        u -> stricter(u, withCategory(u, added)), u -> verdicts(u, withCategory(u, added)));
                            }
                        }
                    }
                }
                for (Hosting inside : INSIDE) {
                    for (Hosting outside : OUTSIDE) {
                        for (int mask = 0; mask < UsageSpace.SUBSETS; mask++) {
                            if (verdicts[outside.ordinal()][mask].compareTo(verdicts[inside.ordinal()][mask]) < 0) {
                                report("moving from " + inside + " to " + outside + " made the verdict more permissive",
                                        UsageSpace.usage(tool, inside, p, mask, context),
                                        u -> stricter(u, withHosting(u, outside)), u -> verdicts(u, withHosting(u, outside)));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theOrderOfCategoriesInTheRequestDoesNotMatter() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3_000; i++) {
            Usage u = UsageSpace.randomUsage(random);
            List<String> names = new ArrayList<>(u.dataCategories().stream().map(Enum::name).toList());
            Collections.shuffle(names, random);
            String json = PolicyJson.write(u).replaceFirst("\"dataCategories\":\\[[^]]*]",
                    "\"dataCategories\":[" + String.join(",", names.stream().map(n -> "\"" + n + "\"").toList()) + "]");
            Decision fromJson = ENGINE.evaluate(PolicyJson.readUsage(json));
            if (!fromJson.equals(ENGINE.evaluate(u))) {
                fail("order of categories changed the decision (seed " + SEED + "): " + json);
            }
        }
    }

    /** True when going from {@code before} to {@code after} makes the verdict more permissive. */
    private static boolean stricter(Usage before, Usage after) {
        return ENGINE.evaluate(after).verdict().compareTo(ENGINE.evaluate(before).verdict()) < 0;
    }

    private static String verdicts(Usage before, Usage after) {
        return ENGINE.evaluate(before).verdict() + " " + ENGINE.evaluate(before).appliedRules() + " became "
                + ENGINE.evaluate(after).verdict() + " " + ENGINE.evaluate(after).appliedRules();
    }

    private static Usage withCategory(Usage u, DataCategory c) {
        List<DataCategory> more = new ArrayList<>(u.dataCategories());
        more.add(c);
        return u.toBuilder().dataCategories(more).build();
    }

    private static Usage withHosting(Usage u, Hosting h) {
        return u.toBuilder().hosting(h).build();
    }
}
