package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.inserm.aipolicy.facts.UsageFacts;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reusing decisions changes none: over hosting × purpose × every subset of the data categories,
 * with a seeded-random tool and context each, the engine's answer (cached or not, strict or not,
 * asked twice) is the decision the rules make afresh. The cache is sound by construction: the rules
 * see {@link UsageFacts}, every accessor of which is a function of the key. Uses the bundled rules
 * from the policy-rules module's sources.
 */
@Tag("slow") // left out by -Pquick: a rule change in progress runs the rest in a third of the time
class DecisionCacheTest {
    private static final long SEED = Long.getLong("aipolicy.seed", System.nanoTime());
    private static final Path RULES = Path.of("..", "policy-rules", "src", "main", "resources");
    private static DroolsPolicyEngine engine;

    @BeforeAll
    static void build() {
        engine = (DroolsPolicyEngine) PolicyEngine.builder().rulesFrom(RULES).build();
    }

    @Test
    void cachedAndFreshDecisionsAreIdenticalOverTheExhaustiveSpace() {
        Random random = new Random(SEED);
        DataCategory[] categories = DataCategory.values();
        int reused = 0;
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                for (int mask = purpose.consumesData() ? 1 : 0; mask < 1 << categories.length; mask++) {
                    Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
                    for (int i = 0; i < categories.length; i++) {
                        if ((mask & 1 << i) != 0) {
                            set.add(categories[i]);
                        }
                    }
                    Usage usage = new Usage(randomTool(random, purpose), hosting, set, purpose, randomContext(random));
                    boolean strict = random.nextBoolean();
                    Decision first = engine.evaluate(usage, strict);
                    Decision again = engine.evaluate(usage.toBuilder().tool(randomTool(random, usage.tool())).build(),
                            strict);
                    Decision fresh = engine.decideAfresh(engine.factsOf(usage), strict);
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
    void aKeyHoldsEveryFactAndNothingElse() {
        Random random = new Random(SEED);
        Map<Long, String> seen = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
            Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
            for (DataCategory c : DataCategory.values()) {
                if (random.nextInt(4) == 0) {
                    set.add(c);
                }
            }
            Hosting hosting = Hosting.values()[random.nextInt(4)];
            boolean generative = random.nextBoolean();
            Double size = random.nextBoolean() ? null : random.nextDouble() * 20;
            boolean confirmed = random.nextBoolean();
            Context context = randomContext(random);
            UsageFacts facts = UsageFacts.of(hosting, purpose, set, generative, size, confirmed, context);
            assertTrue(facts.key() >= 0, "the key fits 63 bits");
            // the engine looks decisions up by keyOf and keeps them by key(): the two must agree
            assertEquals(facts.key(), UsageFacts.keyOf(hosting, purpose, set, generative, size, confirmed, context),
                    "seed " + SEED + ": keyOf differs from the facts' key");
            UsageFacts back = UsageFacts.ofKey(facts.key());
            String visible = visible(facts);
            assertEquals(visible, visible(back), "seed " + SEED + ": the key loses a fact");
            String before = seen.putIfAbsent(facts.key(), visible);
            assertTrue(before == null || before.equals(visible), "seed " + SEED + ": two facts share a key");
        }
    }

    /** Every public accessor of the facts the rules see, by name: what a rule can read. */
    private static String visible(UsageFacts facts) {
        StringBuilder out = new StringBuilder();
        for (Method method : accessors()) {
            try {
                out.append(method.getName()).append('=').append(method.invoke(facts)).append(' ');
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return out.toString();
    }

    private static List<Method> accessors() {
        List<Method> methods = new ArrayList<>();
        for (Method method : UsageFacts.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0
                    && !Set.of("key", "hashCode", "toString").contains(method.getName())) {
                methods.add(method);
            }
        }
        methods.sort((a, b) -> a.getName().compareTo(b.getName()));
        return methods;
    }

    @Test
    void theRulesSeeTheToolOnlyThroughWhatTheKeyHolds() {
        assertEquals(List.of("getContext", "getDataCategories", "getHosting", "getPurpose", "isCodeGenerated",
                "isExternal", "isGenerative", "isHighlySensitiveCode", "isHostingConfirmed", "isInsermFunded",
                "isLargeModel", "isNoData", "isSensitiveData", "isUnknownData"),
                accessors().stream().map(Method::getName).toList(),
                "an accessor was added to UsageFacts: it must be a function of the key (see aKeyHoldsEveryFactAndNothingElse)");
    }

    @Test
    void contextFieldsAreTheContextsComponents() {
        List<String> components = Arrays.stream(Context.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertEquals(components, ContextField.all().stream().map(ContextField::jsonName).toList());
        for (RecordComponent component : Context.class.getRecordComponents()) {
            assertEquals(component.getType(), ContextField.byJsonName(component.getName()).type(), component.getName());
        }
    }

    @Test
    void aRuleThatReadsTheToolNameDoesNotCompile() throws Exception {
        Path folder = Files.createTempDirectory("aipolicy-rules");
        Path source = RULES.resolve(PolicyFiles.FOLDER);
        try (var files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals("frugality.drl")) {
                    text = text.replace("UsageFacts( largeModel )", "UsageFacts( largeModel, tool.name != \"x\" )");
                }
                Files.writeString(folder.resolve(file.getFileName()), text);
            }
        }
        PolicyBuildException e = assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().rulesFrom(folder).build());
        assertTrue(e.getMessage().contains("frugality.drl"), e.getMessage());
    }

    @Test
    void aKeyIsKeptOnItsSecondSightingAndAFullCacheEmptiesItself() {
        DecisionCache cache = new DecisionCache(3);
        Decision decision = engine.evaluate(Usage.builder().tool("t").hosting(Hosting.LOCAL).purpose(Purpose.OTHER)
                .build());
        cache.put(7, decision);
        assertEquals(null, cache.get(7), "a usage seen once is not kept: one-off usages never evict the others");
        cache.put(7, decision);
        assertSame(decision, cache.get(7), "seen twice, it is kept");
        for (long key = 0; key < 3; key++) {
            cache.put(key, decision);
            cache.put(key, decision);
        }
        assertTrue(cache.size() <= 3);
    }

    @Test
    void aFullCacheIsAtMostHalfItsTable() {
        Decision decision = engine.evaluate(Usage.builder().tool("t").hosting(Hosting.LOCAL).purpose(Purpose.OTHER)
                .build());
        for (int capacity : new int[] {1, 3, 16, 17, 64, 100, 1_000, CachingDecider.CAPACITY}) {
            DecisionCache cache = new DecisionCache(capacity);
            for (long key = 0; key < capacity; key++) {
                cache.put(key, decision);
                cache.put(key, decision);
            }
            assertEquals(capacity, cache.size(), "a cache of " + capacity + " holds as many decisions");
            assertTrue(2 * cache.size() <= cache.slots(), "a full cache of " + capacity + " fills " + cache.size()
                    + " of its " + cache.slots() + " slots: a missing key's look-up would probe most of them");
        }
    }

    @Test
    void threadsSharingTheCacheOnlyEverFindTheDecisionKeptForTheirKey() throws Exception {
        Decision[] decisions = new Decision[7];
        Purpose[] purposes = Purpose.values();
        for (int i = 0; i < decisions.length; i++) {
            decisions[i] = engine.evaluate(Usage.builder().tool("t").hosting(Hosting.LOCAL)
                    .purpose(purposes[i % purposes.length]).dataCategories(DataCategory.PUBLIC).build());
        }
        DecisionCache cache = new DecisionCache(64); // small, so that it empties itself while the threads run
        List<Thread> threads = new ArrayList<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] found = new int[4];
        for (int t = 0; t < found.length; t++) {
            int thread = t;
            Random random = new Random(SEED + t);
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200_000; i++) {
                    long key = random.nextInt(100);
                    Decision kept = cache.get(key);
                    if (kept == null) {
                        cache.put(key, decisions[(int) (key % decisions.length)]);
                    } else if (kept != decisions[(int) (key % decisions.length)] && wrong.size() < 5) {
                        wrong.add("key " + key);
                    } else {
                        found[thread]++;
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), wrong, "seed " + SEED + ": a key found another key's decision");
        assertTrue(Arrays.stream(found).sum() > 0, "the threads found decisions in the cache");
        assertTrue(cache.size() <= 64, "bounded: " + cache.size());
    }

    private static Tool randomTool(Random random, Purpose purpose) {
        Double[] sizes = {null, 0.5, 7.0, 10.0, 10.5, 70.0};
        boolean generative = purpose.producesContent() || random.nextInt(4) != 0;
        return new Tool("tool-" + random.nextInt(5), generative, sizes[random.nextInt(sizes.length)]);
    }

    /** Another tool the rules cannot tell from this one: another name, a size on the same side of 10. */
    private static Tool randomTool(Random random, Tool like) {
        Double size = like.parametersBillions();
        Double other = size == null ? null : size > 10 ? 10 + random.nextDouble() * 1000 + 0.001 : random.nextDouble() * 10;
        return new Tool("other-" + random.nextInt(5), like.generative(), other);
    }

    static Context randomContext(Random random) {
        Context.Builder context = Context.builder();
        for (ContextField field : ContextField.all()) {
            int i = random.nextInt(field.statedValues().size() + 1);
            context.set(field, i == 0 ? null : field.statedValues().get(i - 1));
        }
        return context.build();
    }
}
