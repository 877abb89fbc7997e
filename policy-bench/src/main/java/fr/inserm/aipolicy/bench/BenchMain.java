package fr.inserm.aipolicy.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the decision benchmarks and prints the ratio table.
 *
 * <p>{@code java -jar policy-bench/target/benchmarks.jar [quick|full] [subjects]}: {@code quick}
 * (the default) takes one fork, one warm-up second and two measured seconds per benchmark;
 * {@code full} takes two forks, 3 × 2 s of warm-up and 5 × 2 s of measurement; {@code levers} is the
 * quick run's sample-time pass only, with {@link LeverBenchmark}'s variants added to the same run and
 * a second table of them against that run's naive Drools. {@code subjects} is
 * a regular expression over {@code engine|reference|naiveDrools|cedar|xacml} (all by default). Two passes:
 * sample time on one thread with JMH's GC profiler (p50, p99, mean, bytes allocated per decision),
 * then throughput on two threads. For JMH's own command line, use {@code org.openjdk.jmh.Main}.
 */
public final class BenchMain {
    private static final String[] SUBJECTS = {"engine", "reference", "naiveDrools", "cedar", "xacml"};
    private static final String[] LABELS = {"engine", "plain Java", "naive Drools", "Cedar", "XACML (AuthzForce)"};

    private BenchMain() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param args {@code quick} or {@code full}, then an optional subject expression
     * @throws Exception when JMH fails
     */
    public static void main(String[] args) throws Exception {
        boolean full = args.length > 0 && args[0].equals("full");
        boolean levers = args.length > 0 && args[0].equals("levers");
        String subjects = args.length > 1 ? args[1] : String.join("|", SUBJECTS);
        String include = DecisionBenchmark.class.getName() + "\\.(" + subjects + ")$";
        ChainedOptionsBuilder base = new OptionsBuilder().include(include)
                .forks(full ? 2 : 1)
                .warmupIterations(full ? 3 : 1).warmupTime(TimeValue.seconds(full ? 2 : 1))
                .measurementIterations(full ? 5 : 2).measurementTime(TimeValue.seconds(full ? 2 : 1))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(true);
        long start = System.nanoTime();
        if (levers) {
            base.include(LeverBenchmark.class.getName() + "\\.lever$");
        }
        Collection<RunResult> latency = new Runner(base.mode(Mode.SampleTime).timeUnit(TimeUnit.MICROSECONDS)
                .threads(1).addProfiler(GCProfiler.class).build()).run();
        if (levers) {
            // one run: the subjects' table and the levers', all against this run's naive Drools
            System.out.println(table(latency, List.of(), false));
            System.out.println(leverTable(latency));
            System.out.printf(Locale.ROOT, "(levers mode, sample time only, %d s, %d cores, %s %s, %s)%n",
                    (System.nanoTime() - start) / 1_000_000_000L, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.arch"));
            return;
        }
        Collection<RunResult> throughput = new Runner(new OptionsBuilder().parent(base.build())
                .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(2).build()).run();
        System.out.println(table(latency, throughput, full));
        System.out.printf(Locale.ROOT, "(%s mode, %d s, %d cores, %s %s, %s)%n", full ? "full" : "quick",
                (System.nanoTime() - start) / 1_000_000_000L, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.arch"));
    }

    /** One row of the table. */
    private static final class Row {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double mean = Double.NaN;
        double bytes = Double.NaN;
        double twoThreads = Double.NaN;
    }

    static String table(Collection<RunResult> latency, Collection<RunResult> throughput, boolean full) {
        Map<String, Map<String, Row>> rows = new LinkedHashMap<>();
        for (String workload : List.of("distinct", "inventory")) {
            Map<String, Row> byWorkload = new LinkedHashMap<>();
            for (String subject : SUBJECTS) {
                byWorkload.put(subject, new Row());
            }
            rows.put(workload, byWorkload);
        }
        for (RunResult run : latency) {
            if (!run.getParams().getBenchmark().startsWith(DecisionBenchmark.class.getName())) {
                continue;
            }
            Row row = row(rows, run);
            Result<?> primary = run.getPrimaryResult();
            row.p50 = primary.getStatistics().getPercentile(50);
            row.p99 = primary.getStatistics().getPercentile(99);
            row.mean = primary.getStatistics().getMean();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            row.bytes = alloc == null ? Double.NaN : alloc.getScore();
        }
        for (RunResult run : throughput) {
            row(rows, run).twoThreads = run.getPrimaryResult().getScore();
        }
        StringBuilder out = new StringBuilder();
        rows.forEach((workload, byWorkload) -> {
            Row ref = byWorkload.get("reference");
            Row naive = byWorkload.get("naiveDrools");
            out.append("\n### ").append(workload).append(" workload\n\n")
                    .append("| implementation | p50 µs | p99 µs | mean µs | decisions/s, 1 thread | decisions/s, 2 threads"
                            + " | B/decision | p50 / plain Java | p50 / naive Drools | mean / naive Drools |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < SUBJECTS.length; i++) {
                Row r = byWorkload.get(SUBJECTS[i]);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", LABELS[i],
                        num(r.p50), num(r.p99), num(r.mean), count(1e6 / r.mean), count(r.twoThreads), count(r.bytes),
                        ratio(r.p50, ref.p50), ratio(r.p50, naive.p50), ratio(r.mean, naive.mean)));
            }
        });
        out.append("\np50/p99/mean: JMH sample time on one thread; decisions/s on 1 thread = 1 / mean; on 2 threads:"
                + " JMH throughput; B/decision: gc.alloc.rate.norm. Ratios below 1 are faster than the comparison.\n");
        return out.toString();
    }

    /** The levers' table: each variant against this run's naive Drools on the distinct workload. */
    static String leverTable(Collection<RunResult> latency) {
        Row naive = new Row();
        Map<String, Row> levers = new LinkedHashMap<>();
        for (RunResult run : latency) {
            String method = run.getParams().getBenchmark();
            Row row = new Row();
            Result<?> primary = run.getPrimaryResult();
            row.p50 = primary.getStatistics().getPercentile(50);
            row.p99 = primary.getStatistics().getPercentile(99);
            row.mean = primary.getStatistics().getMean();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            row.bytes = alloc == null ? Double.NaN : alloc.getScore();
            if (method.endsWith(".lever")) {
                levers.put(run.getParams().getParam("lever"), row);
            } else if (method.endsWith(".naiveDrools") && "distinct".equals(run.getParams().getParam("workload"))) {
                naive = row;
            }
        }
        StringBuilder out = new StringBuilder("\n### Drools levers (workload:session/collect/anc/cache)\n\n"
                + "| case | p50 µs | p99 µs | mean µs | mean / p50 | B/decision | p50 / naive Drools (distinct) |"
                + " mean / naive Drools (distinct) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Row> e : levers.entrySet()) {
            Row r = e.getValue();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", e.getKey(), num(r.p50),
                    num(r.p99), num(r.mean), ratio(r.mean, r.p50), count(r.bytes), ratio(r.p50, naive.p50),
                    ratio(r.mean, naive.mean)));
        }
        return out.toString();
    }

    private static Row row(Map<String, Map<String, Row>> rows, RunResult run) {
        String method = run.getParams().getBenchmark();
        String subject = method.substring(method.lastIndexOf('.') + 1);
        return rows.get(run.getParams().getParam("workload")).get(subject);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String count(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double v, double of) {
        if (Double.isNaN(v) || Double.isNaN(of) || of == 0) {
            return "–";
        }
        double r = v / of;
        return r >= 10 ? String.format(Locale.ROOT, "%.0f×", r) : String.format(Locale.ROOT, "%.2f×", r);
    }

    static List<String> subjects() {
        return new ArrayList<>(List.of(SUBJECTS));
    }
}
