package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules compiled by the Maven build decide exactly as the DRL compiled at run time, and are
 * used only for the DRL files they were compiled from.
 */
@Tag("slow") // left out by -Pquick: a rule change in progress runs the rest in a third of the time
class PrecompiledRulesTest {

    @Test
    void theBundledEngineUsesTheModelCompiledAtBuildTime() {
        assertTrue(ScenarioFilesTest.ENGINE.toString().contains("rules compiled at build time"),
                ScenarioFilesTest.ENGINE.toString());
        // every consequence is the authored insert: sessions are reused, findings read from the global list
        assertTrue(ScenarioFilesTest.ENGINE.toString().contains("findings in a global list"),
                ScenarioFilesTest.ENGINE.toString());
    }

    @Test
    void decidesExactlyAsTheRulesCompiledAtRunTime() {
        PolicyEngine runTime = PolicyEngine.builder().rulesFrom(RuleMutationTest.RULES).build();
        assertTrue(runTime.toString().contains("rules compiled at run time"), runTime.toString());
        assertEquals(ScenarioFilesTest.ENGINE.policyDigest(), runTime.policyDigest());
        long seed = Long.getLong("aipolicy.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Context> contexts = List.of(Context.NOT_STATED, UsageSpace.randomContext(random),
                UsageSpace.randomContext(random));
        List<Tool> tools = List.of(Tool.named("t"), new Tool("t", false, 70.0));
        int compared = 0;
        for (Context context : contexts) {
            for (Tool tool : tools) {
                for (Hosting h : Hosting.values()) {
                    for (Purpose p : Purpose.values()) {
                        for (int mask = 0; mask < UsageSpace.SUBSETS; mask++) {
                            if (!UsageSpace.accepted(tool, p, mask)) {
                                continue;
                            }
                            Usage u = UsageSpace.usage(tool, h, p, mask, context);
                            assertEquals(runTime.evaluate(u), ScenarioFilesTest.ENGINE.evaluate(u),
                                    () -> "seed " + seed + ": " + u);
                            compared++;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 6 * 4 * 10 * UsageSpace.SUBSETS, "compared " + compared);
    }

    @Test
    void aModelCompiledFromOtherRulesIsNotUsed(@TempDir Path dir) throws IOException {
        // the class path's policy, with D1 changed, but the model compiled from the original D1 beside it
        Path rules = Files.createDirectories(dir.resolve("fr/inserm/aipolicy/rules"));
        try (Stream<Path> files = Files.list(RuleMutationTest.RULES)) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        Path drl = rules.resolve("sensitive-data.drl");
        Files.writeString(drl, Files.readString(drl).replace("    UsageFacts( external, sensitiveData )",
                "    UsageFacts( hosting == Hosting.EXTERNAL, sensitiveData )"));
        ClassLoader parent = PrecompiledRulesTest.class.getClassLoader();
        ClassLoader changedRules = new ClassLoader(parent) {
            @Override
            public URL getResource(String name) {
                Path local = dir.resolve(name);
                if (name.startsWith("fr/inserm/aipolicy/rules/") && !name.endsWith(".class") && Files.isRegularFile(local)) {
                    try {
                        return local.toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return super.getResource(name);
            }
        };
        PolicyEngine engine = PolicyEngine.builder().classLoader(changedRules).build();
        assertTrue(engine.toString().contains("rules compiled at run time"), engine.toString());
        Usage sovereign = Usage.builder().tool("t").hosting(Hosting.EXTERNAL_SOVEREIGN)
                .dataCategories(DataCategory.CONFIDENTIAL).purpose(Purpose.WRITING).build();
        assertEquals(Verdict.DENY, ScenarioFilesTest.ENGINE.evaluate(sovereign).verdict());
        Decision changed = engine.evaluate(sovereign);
        assertFalse(changed.appliedRules().contains("D1"), "the changed D1 decided, not the old model");
        // and with D1 gone for this usage, no rule permits it: denied by default, never allowed
        assertEquals(Verdict.DENY, changed.verdict());
        assertEquals("DEFAULT", changed.reasons().get(0).rule());
    }
}
