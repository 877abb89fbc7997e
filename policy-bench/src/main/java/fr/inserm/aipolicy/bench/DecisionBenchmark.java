package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.Usage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One decision per invocation, by each implementation, on each workload. Before measuring, the
 * implementation under test is checked equal to {@link ReferencePolicy} on every input of the
 * workload (verdict, applied rules, cited clauses): a benchmark of a wrong answer fails.
 */
public class DecisionBenchmark {

    /** The workload's usages, built and checked once per trial. */
    @State(Scope.Benchmark)
    public static class Inputs {
        /** distinct or inventory. */
        @Param({"distinct", "inventory"})
        public String workload;

        Usage[] usages;

        /**
         * Builds the workload and checks the implementation under test on all of it.
         *
         * @param params the benchmark's parameters, to know which implementation runs
         */
        @Setup(Level.Trial)
        public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) {
            usages = "distinct".equals(workload) ? Workloads.distinct() : Workloads.inventory();
            String method = params.getBenchmark();
            String subject = method.substring(method.lastIndexOf('.') + 1);
            Subjects.checkAgainstReference(subject, usages);
        }
    }

    /** Each thread walks the workload from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        /**
         * Starts each thread at a different place.
         *
         * @param params the benchmark's parameters
         */
        @Setup(Level.Trial)
        public void setUp(org.openjdk.jmh.infra.ThreadParams params) {
            next = params.getThreadIndex() * 7_919;
        }

        Usage next(Usage[] usages) {
            int i = next < usages.length ? next : next % usages.length;
            next = i + 1 == usages.length ? 0 : i + 1;
            return usages[i];
        }
    }

    /** The engine, built once from the bundled policy. */
    @State(Scope.Benchmark)
    public static class Engine {
        PolicyEngine engine;

        /** Builds (or reuses) the engine. */
        @Setup(Level.Trial)
        public void setUp() {
            engine = Subjects.engine();
        }
    }

    /** The engine with the decision log listening, built once per trial. */
    @State(Scope.Benchmark)
    public static class LoggedEngine {
        PolicyEngine engine;

        /** Builds it. */
        @Setup(Level.Trial)
        public void setUp() {
            engine = Subjects.engineLogged();
        }
    }

    /**
     * The project's engine.
     *
     * @param in the workload
     * @param cursor this thread's position
     * @param engine the engine
     * @return the decision
     */
    @Benchmark
    public Decision engine(Inputs in, Cursor cursor, Engine engine) {
        return engine.engine.evaluate(cursor.next(in.usages));
    }

    /**
     * The engine with the decision log listening (issue 24): what a decision costs its caller when
     * every decision is also told, as a JSON line, to the log.
     *
     * @param in the workload
     * @param cursor this thread's position in it
     * @param engine the engine with its listener
     * @return the decision
     */
    @Benchmark
    public Decision engineLogged(Inputs in, Cursor cursor, LoggedEngine engine) {
        return engine.engine.evaluate(cursor.next(in.usages));
    }

    /**
     * The plain-Java reference: the lower bound.
     *
     * @param in the workload
     * @param cursor this thread's position
     * @return the result
     */
    @Benchmark
    public RuleTable.Result reference(Inputs in, Cursor cursor) {
        return Subjects.reference().decide(cursor.next(in.usages), false);
    }

    /**
     * A new stateless Drools session per decision over the same DRL: the baseline.
     *
     * @param in the workload
     * @param cursor this thread's position
     * @return the result
     */
    @Benchmark
    public RuleTable.Result naiveDrools(Inputs in, Cursor cursor) {
        return Subjects.naive().decide(cursor.next(in.usages), false);
    }

    /**
     * The same rule table in Cedar: the peer.
     *
     * @param in the workload
     * @param cursor this thread's position
     * @return the result
     */
    @Benchmark
    public RuleTable.Result cedar(Inputs in, Cursor cursor) {
        return Subjects.cedar().decide(cursor.next(in.usages), false);
    }

    /**
     * The same rules in XACML, decided by AuthzForce: the second peer.
     *
     * @param in the workload
     * @param cursor this thread's position
     * @return the result
     */
    @Benchmark
    public RuleTable.Result xacml(Inputs in, Cursor cursor) {
        return Subjects.xacml().decide(cursor.next(in.usages), false);
    }
}
