package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One engine shared by eight threads returns exactly the decisions one thread returns. */
@Tag("slow") // left out by -Pquick: a rule change in progress runs the rest in a third of the time
class ConcurrencyTest {
    static final int USAGES = 200_000;
    static final int THREADS = 8;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void eightThreadsDecideExactlyAsOne() throws Exception {
        PolicyEngine engine = ScenarioFilesTest.ENGINE;
        long seed = Long.getLong("aipolicy.seed", System.nanoTime());
        Random random = new Random(seed);
        // many more distinct usages than the engine's decision cache holds (4,096), so that most calls
        // run the rules in a pooled Drools session while others hit the cache, from eight threads at once
        Usage[] distinct = new Usage[60_000];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = UsageSpace.randomUsage(random);
        }
        int[] order = new int[USAGES];
        for (int i = 0; i < USAGES; i++) {
            order[i] = random.nextInt(distinct.length);
        }
        Decision[] expected = new Decision[distinct.length];
        for (int i = 0; i < distinct.length; i++) {
            expected[i] = engine.evaluate(distinct[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = thread; i < USAGES; i += THREADS) {
                        if (!engine.evaluate(distinct[order[i]]).equals(expected[order[i]])) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            int mismatches = 0;
            for (Future<Integer> f : results) {
                mismatches += f.get();
            }
            assertEquals(0, mismatches, "decisions differ under " + THREADS + " threads (seed " + seed + ")");
        } finally {
            pool.shutdownNow();
        }
    }
}
