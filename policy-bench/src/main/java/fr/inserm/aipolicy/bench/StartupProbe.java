package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Prints, for one fresh JVM: the time from JVM start to {@code main}, the engine's build time, the
 * first decision's time, and JVM start to first decision, in milliseconds, on one line.
 * {@code policy-bench/startup.sh} runs it several times.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    /**
     * Builds the engine and decides one usage.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long atMain = System.currentTimeMillis();
        long t0 = System.nanoTime();
        PolicyEngine engine = PolicyEngine.builder().build();
        long t1 = System.nanoTime();
        Decision decision = engine.evaluate(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.TRANSLATION).build());
        long t2 = System.nanoTime();
        long end = System.currentTimeMillis();
        System.out.printf(Locale.ROOT, "jvm-to-main %d ms, build %d ms, first-decision %.1f ms, jvm-to-first-decision %d ms (%s)%n",
                atMain - jvmStart, (t1 - t0) / 1_000_000, (t2 - t1) / 1e6, end - jvmStart, decision.verdict());
    }
}
