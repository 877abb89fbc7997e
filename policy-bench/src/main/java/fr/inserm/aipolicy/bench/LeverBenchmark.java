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
        /** {@code workload:session/collect/anc/cache}. */
        @Param({
            "distinct:pool/facts/plain/none",
            "distinct:new/facts/plain/none",
            "distinct:stateless/facts/plain/none",
            "distinct:pool/global/plain/none",
            "distinct:pool/facts/plain/clear",
            "distinct:pool/facts/plain/admit",
            "distinct:stateless/global/plain/none",
            "inventory:pool/facts/plain/clear",
            "inventory:pool/facts/plain/admit",
            "mixed:pool/facts/plain/none",
            "mixed:pool/facts/plain/clear",
            "mixed:pool/facts/plain/admit",
        })
        public String lever;

        Usage[] usages;
        LeverEngine engine;

        /** Builds the variant and the workload and checks the variant on all of it. */
        @Setup(Level.Trial)
        public void setUp() {
            String[] parts = lever.split(":");
            usages = Workloads.named(parts[0]);
            engine = new LeverEngine(parts[1], Subjects.reference());
            System.out.println(engine);
            RuleTable table = Subjects.reference().table();
            for (int i = 0; i < usages.length; i++) {
                Outcome expected = table.outcome(Subjects.reference().decide(usages[i], false));
                Outcome actual = table.outcome(engine.decide(usages[i]));
                if (!expected.equals(actual)) {
                    throw new IllegalStateException(lever + " differs from the reference on input " + i + ": "
                            + usages[i] + "\n  reference: " + expected + "\n  variant:   " + actual);
                }
            }
            engine.reset();
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
        return c.engine.decide(cursor.next(c.usages));
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
