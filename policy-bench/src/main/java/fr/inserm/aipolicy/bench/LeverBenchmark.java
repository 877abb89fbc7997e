package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.Usage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Drools levers one at a time ({@link LeverEngine}): each case is {@code workload:variant}, the
 * variant one lever away from the engine's configuration today ({@code pool/facts/plain}). Before
 * measuring, the variant is checked equal to the reference on every input of the workload. The alpha
 * network compiler ({@code anc}) is not among the cases: with Drools 10.2.0 and these rules, the
 * Java it generates does not compile (run {@code -p lever=distinct:pool/facts/anc/none} to see it).
 */
public class LeverBenchmark {

    /** The variant and its workload, built and checked once per trial. */
    @State(Scope.Benchmark)
    public static class Case {
        /** {@code workload:session/collect/anc/cache[/options]}, or {@code workload:naive} (naive Drools). */
        @Param({
            "distinct:naive",
            "distinct:pool/facts/plain/none",
            "distinct:pool/global/plain/none",
            "distinct:pool/literal/plain/none",
            "distinct:reuse/global/plain/none",
            "distinct:reuse/literal/plain/none",
            "distinct:reuse/literal/plain/none/nts",
            "distinct:own/literal/plain/none/nts",
            "distinct:reuse/filter/plain/none",
            "distinct:naive-again",
        })
        public String lever;

        Usage[] usages;
        LeverEngine engine;
        /** For {@code workload:naive}: naive Drools, so that it can run first and last among the levers. */
        NaiveDrools naive;

        /**
         * Builds the variant and the workload and checks the variant on all of it: a reused session
         * twice over the workload (forwards then backwards) and empty after every decision, then on
         * two threads at once, each over the whole workload from its own offset.
         */
        @Setup(Level.Trial)
        public void setUp() {
            String[] parts = lever.split(":");
            usages = Workloads.named(parts[0]);
            if (parts[1].startsWith("naive")) { // naive, or naive-again to run it a second time
                naive = Subjects.naive();
                Subjects.checkAgainstReference("naiveDrools", usages);
                return;
            }
            engine = new LeverEngine(parts[1], Subjects.reference());
            System.out.println(engine);
            RuleTable table = Subjects.reference().table();
            Outcome[] expected = new Outcome[usages.length];
            for (int i = 0; i < usages.length; i++) {
                expected[i] = table.outcome(Subjects.reference().decide(usages[i], false));
            }
            boolean reused = parts[1].startsWith("reuse/") || parts[1].startsWith("own/") || parts[1].startsWith("update/");
            int passes = reused ? 2 : 1;
            for (int pass = 0; pass < passes; pass++) {
                for (int j = 0; j < usages.length; j++) {
                    int i = pass == 0 ? j : usages.length - 1 - j;
                    Outcome actual = table.outcome(engine.decide(usages[i]));
                    if (!expected[i].equals(actual)) {
                        throw new IllegalStateException(lever + " differs from the reference on input " + i + " (pass "
                                + pass + "): " + usages[i] + "\n  reference: " + expected[i] + "\n  variant:   " + actual);
                    }
                    if (!engine.sessionEmpty()) {
                        throw new IllegalStateException(lever + ": the reused session is not empty after input " + i);
                    }
                }
                engine.reset();
            }
            if (reused) {
                checkOnTwoThreads(expected, table);
            }
            engine.reset();
        }

        private void checkOnTwoThreads(Outcome[] expected, RuleTable table) {
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int offset = t * usages.length / 2 + t * 7_919;
                    done.add(threads.submit(() -> {
                        start.await();
                        int checked = 0;
                        for (int j = 0; j < usages.length; j++) {
                            int i = (offset + j) % usages.length;
                            Outcome actual = table.outcome(engine.decide(usages[i]));
                            // the own pool's idle sessions are checked single-threaded only: another thread may hold one
                            if (!expected[i].equals(actual) || (!lever.contains(":own/") && !engine.sessionEmpty())) {
                                throw new IllegalStateException(lever + " differs from the reference on two threads, input "
                                        + i + ": " + usages[i] + "\n  reference: " + expected[i] + "\n  variant:   " + actual);
                            }
                            checked++;
                        }
                        return checked;
                    }));
                }
                start.countDown();
                int total = 0;
                for (var f : done) {
                    total += f.get();
                }
                System.out.println(lever + ": " + total + " decisions on two threads, all equal to the reference");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /**
     * One decision by a variant.
     *
     * @param c the case
     * @param cursor this thread's position
     * @return the result
     */
    @Benchmark
    public RuleTable.Result lever(Case c, DecisionBenchmark.Cursor cursor) {
        Usage usage = cursor.next(c.usages);
        return c.engine != null ? c.engine.decide(usage) : c.naive.decide(usage, false);
    }

    /** The tool names of the distinct workload, for the catalogue's look-up. */
    @State(Scope.Benchmark)
    public static class Names {
        String[] names;
        fr.inserm.aipolicy.tools.ToolCatalogue tools;

        /** Reads the names. */
        @Setup(Level.Trial)
        public void setUp() {
            names = java.util.Arrays.stream(Workloads.distinct()).map(u -> u.tool().name()).toArray(String[]::new);
            tools = Subjects.engine().tools();
        }
    }

    /**
     * One look-up of a tool name in the tool catalogue, as the engine makes on every decision with a
     * local or internal hosting to know whether the catalogue confirms it (not remembered by name,
     * unlike its check of the hosting).
     *
     * @param n the names
     * @param cursor this thread's position
     * @return the tool found, if any
     */
    @Benchmark
    public java.util.Optional<fr.inserm.aipolicy.tools.KnownTool> catalogueFind(Names n, DecisionBenchmark.Cursor cursor) {
        int i = cursor.next;
        cursor.next = i + 1 == n.names.length ? 0 : i + 1;
        return n.tools.find(n.names[i % n.names.length]);
    }
}
