package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Where {@code PolicyEngine.builder().build()} spends its time, in a fresh JVM: the steps of
 * {@code DroolsPolicyEngine.build} done one by one (same calls, same order), each timed, with the
 * number of classes loaded during it; then the real {@code build()} in the same JVM (classes loaded:
 * what is left is the steps' own work), and the warm-up thread's CPU time. One line per step.
 * In package {@code fr.inserm.aipolicy} to reach the package-private steps: it follows the core's
 * layout of today. {@code java -cp policy-bench/target/benchmarks.jar fr.inserm.aipolicy.BuildSectionsProbe}
 */
public final class BuildSectionsProbe {
    private static long last;
    private static long lastClasses;
    private static final Map<String, String> LINES = new LinkedHashMap<>();

    private BuildSectionsProbe() {
    }

    private static void step(String name) {
        long now = System.nanoTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        LINES.put(name, String.format(Locale.ROOT, "%6.1f ms %5d classes", (now - last) / 1e6, classes - lastClasses));
        last = System.nanoTime();
        lastClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }

    /**
     * Runs the steps.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // (the warm-up's CPU time is sampled every millisecond until it ends)
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        LINES.put("jvm start to main", (System.currentTimeMillis() - jvmStart) + " ms");
        lastClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        LINES.put("classes loaded before main", lastClasses + "");
        long t0 = System.nanoTime();
        last = t0;
        ClassLoader loader = PolicyEngine.class.getClassLoader();
        PolicyFiles files = PolicyFiles.fromClassPath(loader);
        step("PolicyFiles.fromClassPath (zip file system, read texts)");
        PolicyManifest manifest = PolicyManifest.read(files);
        step("PolicyManifest.read");
        List<Clause> catalogue = CatalogueReader.read(files.require(PolicyFiles.CATALOGUE_FILE), files.origin());
        step("CatalogueReader.read (Jackson)");
        Map<String, String> drl = files.rules();
        String rulesDigest = files.rulesDigest();
        step("rulesDigest (SHA-256 of the DRL)");
        KieBase kieBase = PrecompiledRules.load(files, loader).orElseThrow();
        step("PrecompiledRules.load (model classes + KieBase; digest again)");
        Map<Rule, String> rules = new LinkedHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                rules.put(rule, pkg.getName());
            }
        }
        step("rules of the KieBase");
        RuleBook ruleBook = RuleBook.of(rules, catalogue.stream().map(Clause::id).collect(Collectors.toSet()),
                files.require(PolicyFiles.MESSAGES_FILE), files.origin());
        ruleBook.checkDeclared(manifest.rules(), files.origin());
        step("RuleBook.of (messages, checks)");
        PolicyTexts texts = PolicyTexts.read(files, ruleBook.rules(), catalogue)
                .withNoPermitClauses(manifest.noPermitClauses(), catalogue);
        step("PolicyTexts.read (labels, tool catalogue, texts)");
        String digest = files.digest();
        step("digest (SHA-256 of every file)");
        kieBase.newKieSessionsPool(2).newKieSession().dispose();
        step("a session from a sessions pool");
        long steps = System.nanoTime() - t0;
        PolicyEngine engine = PolicyEngine.builder().build();
        step("real build() after the steps (classes loaded)");
        Decision decision = engine.evaluate(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING).build());
        step("first decision");
        long atFirstDecision = System.currentTimeMillis();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("aipolicy-warm-up")) {
                LINES.put("warm-up thread CPU at the first decision", threads.getThreadCpuTime(thread.getId()) / 1_000_000 + " ms");
                long cpu = 0;
                long waitFrom = System.nanoTime();
                while (thread.isAlive()) { // its CPU time, sampled until it ends (it is not joined: a daemon)
                    cpu = Math.max(cpu, threads.getThreadCpuTime(thread.getId()));
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                LINES.put("warm-up thread CPU in all (ended after)", String.format(Locale.ROOT, "%d ms (%.0f ms later)",
                        cpu / 1_000_000, (System.nanoTime() - waitFrom) / 1e6));
            }
        }

        LINES.put("sum of the steps", String.format(Locale.ROOT, "%.1f ms", steps / 1e6));
        LINES.put("jvm start to first decision", (atFirstDecision - jvmStart) + " ms");
        LINES.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-62s %s%n", k, v));
        System.out.println(decision.verdict() + " " + digest.length() + rulesDigest.length() + drl.size() + Set.of().size());
    }
}
