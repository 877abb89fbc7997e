package fr.inserm.aipolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reusing decisions changes none: over hosting × purpose × every subset of the data categories,
 * with a seeded-random tool and context each, the engine's answer (cached or not, asked twice) is
 * the decision the rules make afresh; and the reuse is switched off for rules that can see what a
 * key leaves out. Uses the bundled rules from the policy-rules module's sources.
 */
class DecisionCacheTest {
    private static final long SEED = Long.getLong("aipolicy.seed", System.nanoTime());
    private static final Path RULES = Path.of("..", "policy-rules", "src", "main", "resources");
    private static DroolsPolicyEngine engine;

    @BeforeAll
    static void build() {
        engine = (DroolsPolicyEngine) PolicyEngine.builder().rulesFrom(RULES).build();
    }

    @Test
    void theBundledRulesLetDecisionsBeReused() {
        assertTrue(engine.reusesDecisions());
    }

    @Test
    void cachedAndFreshDecisionsAreIdenticalOverTheExhaustiveSpace() {
        Random random = new Random(SEED);
        DataCategory[] categories = DataCategory.values();
        int reused = 0;
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                for (int mask = 0; mask < 1 << categories.length; mask++) {
                    Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
                    for (int i = 0; i < categories.length; i++) {
                        if ((mask & 1 << i) != 0) {
                            set.add(categories[i]);
                        }
                    }
                    Usage usage = new Usage(randomTool(random), hosting, set, purpose, randomContext(random));
                    Decision first = engine.evaluate(usage);
                    Decision again = engine.evaluate(usage.toBuilder().tool(randomTool(random, usage.tool())).build());
                    Decision fresh = engine.decide(usage, false);
                    if (!fresh.equals(first) || !fresh.equals(again)) {
                        fail("seed " + SEED + " (rerun with -Daipolicy.seed=" + SEED + "): " + usage
                                + "\n fresh:  " + fresh + "\n cached: " + first + "\n again:  " + again);
                    }
                    if (first == again) {
                        reused++;
                    }
                }
            }
        }
        assertTrue(reused > 0, "some decisions came from the cache");
    }

    @Test
    void usagesDifferingOnlyInWhatRulesCannotSeeShareAKey() {
        UsageKey keys = UsageKey.forRules(List.of("rule \"x\" when Usage( tool.isLargerThan(10) ) then end"));
        assertNotNull(keys);
        Usage base = Usage.builder().tool(new Tool("ChatGPT", true, 70.0)).hosting(Hosting.EXTERNAL)
                .purpose(Purpose.WRITING).build();
        assertEquals(keys.of(base), keys.of(base.toBuilder().tool(new Tool("Claude", true, 400.0)).build()));
        assertNotEquals(keys.of(base), keys.of(base.toBuilder().tool(new Tool("ChatGPT", true, 7.0)).build()));
        assertNotEquals(keys.of(base), keys.of(base.toBuilder().tool(new Tool("ChatGPT", false, 70.0)).build()));
        assertNotEquals(keys.of(base), keys.of(base.toBuilder().context(Context.builder().userTrained(false).build())
                .build()));
        assertNotEquals(keys.of(Usage.builder().tool("a").hosting(Hosting.LOCAL).purpose(Purpose.WRITING)
                .context(Context.builder().userTrained(true).build()).build()),
                keys.of(Usage.builder().tool("a").hosting(Hosting.LOCAL).purpose(Purpose.WRITING).build()));
    }

    @Test
    void everyFieldOfAUsageChangesItsKey() {
        UsageKey keys = UsageKey.forRules(List.of());
        Random random = new Random(SEED);
        Set<Long> seen = new java.util.HashSet<>();
        Set<String> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            Usage usage = new Usage(new Tool("t", random.nextBoolean(), null), Hosting.values()[random.nextInt(4)],
                    EnumSet.noneOf(DataCategory.class), Purpose.values()[random.nextInt(Purpose.values().length)],
                    randomContext(random));
            String visible = usage.hosting() + " " + usage.purpose() + " " + usage.tool().generative() + " "
                    + usage.context();
            if (distinct.add(visible)) {
                assertTrue(seen.add(keys.of(usage)), "seed " + SEED + ": two different usages share a key: " + usage);
            }
        }
    }

    @Test
    void rulesThatCanSeeMoreSwitchReuseOff() {
        for (String code : List.of("Usage( tool.name == \"ChatGPT\" )", "Usage( tool.parametersBillions > 3 )",
                "$u : Usage( ) eval( check($u) )", "Usage( $t : tool )", "Usage( this != null )",
                "Usage( tool.isLargerThan($x) )", "$u : Usage()", "Usage( tool.toString() != null )")) {
            assertNull(UsageKey.forRules(List.of("rule \"r\" when " + code + " then end")), code);
        }
        assertNotNull(UsageKey.forRules(List.of("// tool name\nrule \"the tool's name\" @id(\"name\") when "
                + "Usage( tool.generative, tool.isLargerThan(1.5) ) then insert(new Finding(drools.getRule().getName())); end")));
    }

    @Test
    void rulesFromAFolderThatReadTheToolNameAreNotReused() throws Exception {
        Path folder = Files.createTempDirectory("aipolicy-rules");
        Path source = RULES.resolve(PolicyFiles.FOLDER);
        try (var files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals("frugality.drl")) {
                    text = text.replace("Usage( tool.isLargerThan(10) )", "Usage( tool.isLargerThan(10), tool.name != \"x\" )");
                }
                Files.writeString(folder.resolve(file.getFileName()), text);
            }
        }
        DroolsPolicyEngine other = (DroolsPolicyEngine) PolicyEngine.builder().rulesFrom(folder).build();
        assertFalse(other.reusesDecisions());
        Usage usage = Usage.builder().tool(new Tool("x", true, 70.0)).hosting(Hosting.LOCAL).purpose(Purpose.WRITING)
                .build();
        assertFalse(other.evaluate(usage).appliedRules().contains("A1"));
        assertTrue(other.evaluate(usage.toBuilder().tool(new Tool("y", true, 70.0)).build()).appliedRules().contains("A1"));
    }

    @Test
    void theKeyCheckKnowsEveryPublicMemberOfWhatRulesSee() {
        Set<String> members = new TreeSet<>();
        for (Class<?> type : List.of(Usage.class, Tool.class, Context.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !Set.of("equals", "hashCode", "toString")
                        .contains(method.getName())) {
                    members.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertEquals(new TreeSet<>(UsageKey.KNOWN_MEMBERS), members,
                "a member was added or removed: check UsageKey (can rules see it? is it in the key?)");
    }

    @Test
    void aFullCacheEmptiesItself() {
        DecisionCache cache = new DecisionCache(3);
        Decision decision = engine.evaluate(Usage.builder().tool("t").hosting(Hosting.LOCAL).purpose(Purpose.OTHER)
                .build());
        for (long key = 0; key < 3; key++) {
            cache.put(key, decision);
        }
        assertSame(decision, cache.get(2));
        cache.put(3, decision);
        assertTrue(cache.size() <= 3);
    }

    private static Tool randomTool(Random random) {
        Double[] sizes = {null, 0.5, 7.0, 10.0, 10.5, 70.0};
        return new Tool("tool-" + random.nextInt(5), random.nextInt(4) != 0, sizes[random.nextInt(sizes.length)]);
    }

    /** Another tool the rules cannot tell from this one: another name, a size on the same side of 10. */
    private static Tool randomTool(Random random, Tool like) {
        Double size = like.parametersBillions();
        Double other = size == null ? null : size > 10 ? 10 + random.nextDouble() * 1000 + 0.001 : random.nextDouble() * 10;
        return new Tool("other-" + random.nextInt(5), like.generative(), other);
    }

    private static Context randomContext(Random random) {
        return new Context(tri(random), pick(random, Subscription.values()), pick(random, CodeTarget.values()),
                tri(random), tri(random), tri(random), tri(random), tri(random), tri(random), tri(random), tri(random),
                tri(random));
    }

    private static Boolean tri(Random random) {
        int i = random.nextInt(3);
        return i == 0 ? null : i == 1;
    }

    private static <T> T pick(Random random, T[] values) {
        int i = random.nextInt(values.length + 1);
        return i == values.length ? null : values[i];
    }
}
