package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.testing.Scenario;
import fr.inserm.aipolicy.testing.ScenarioFiles;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of every scenario file decides as expected; and each DRL file has a scenario file
 * beside it (same name, {@code .json}) whose cases pin every one of its rules on both sides (a case
 * where it fires, a case where it does not). A new DRL file needs a scenario file, not a new class.
 */
class ScenarioFilesTest {
    static final PolicyEngine ENGINE = PolicyEngine.builder().build();

    static Path folder() {
        try {
            return Path.of(ScenarioFilesTest.class.getClassLoader().getResource("scenarios").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every case of every scenario file. */
    static List<Scenario> allScenarios() {
        return ScenarioFiles.read(folder());
    }

    /** The cases checked, for this test, the coverage and the mutants. */
    static List<Scenario> scenarios() {
        return allScenarios();
    }

    /** The cases that expect a decision (not a refusal). */
    static List<Scenario> decided() {
        return scenarios().stream().filter(s -> s.expect().refused() == null).toList();
    }

    /** The usages of the cases that expect a decision. */
    static List<fr.inserm.aipolicy.usage.Usage> usages() {
        return decided().stream().map(s -> s.request(ENGINE).usage()).toList();
    }

    static Stream<String> drlFiles() {
        return ENGINE.rules().stream().map(PolicyRule::file).distinct().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allScenarios")
    void decidesAsExpected(Scenario scenario) {
        Scenario.Outcome outcome = scenario.run(ENGINE);
        assertTrue(outcome.passed(), outcome::report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drlFiles")
    void everyRuleOfTheFileIsPinnedOnBothSides(String drlFile) {
        Path scenarioFile = folder().resolve(drlFile.replace(".drl", ".json"));
        assertTrue(Files.isRegularFile(scenarioFile), () -> drlFile + " has no scenario file " + scenarioFile.getFileName());
        Set<String> rules = ENGINE.rules().stream().filter(r -> r.file().equals(drlFile))
                .map(PolicyRule::id).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(rules.isEmpty(), "no rule comes from " + drlFile);
        Set<String> fires = new TreeSet<>();
        Set<String> doesNotFire = new TreeSet<>();
        for (Scenario s : ScenarioFiles.read(scenarioFile)) {
            if (s.expect().fires() != null) {
                fires.addAll(s.expect().fires());
            }
            if (s.expect().doesNotFire() != null) {
                doesNotFire.addAll(s.expect().doesNotFire());
            }
        }
        Set<String> always = unconditional(drlFile);
        for (String rule : rules) {
            assertTrue(fires.contains(rule), () -> scenarioFile.getFileName() + " has no case where rule " + rule + " fires");
            assertTrue(always.contains(rule) || doesNotFire.contains(rule),
                    () -> scenarioFile.getFileName() + " has no case where rule " + rule + " does not fire");
        }
    }

    private static final java.util.regex.Pattern UNCONDITIONAL = java.util.regex.Pattern.compile(
            "(?ms)^rule \"[^\"]+\"\\s+@id\\(\"([^\"]+)\"\\)[^\\n]*\\n(?:    @[^\\n]*\\n)*when\\n\\s*UsageFacts\\(\\s*\\)\\s*\\nthen");

    /** The rules of a file with no condition (VERIFY_OUTPUTS, DISCLOSE_AI_USE apply to every use): they have no "does not fire" side. */
    static Set<String> unconditional(String drlFile) {
        try {
            String text = Files.readString(Path.of("src", "main", "resources", "fr", "inserm", "aipolicy", "rules", drlFile));
            Set<String> ids = new TreeSet<>();
            java.util.regex.Matcher m = UNCONDITIONAL.matcher(text);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onlyTheRulesForEveryUseAreUnconditional() {
        assertEquals(Set.of("O2", "O3"), unconditional("transparency.drl"));
        assertEquals(Set.of(), unconditional("hosting.drl"));
    }

    @Test
    void theAcceptanceCasesAreAllThere() {
        assertEquals(28, ScenarioFiles.read(folder().resolve("acceptance.json")).size());
        assertEquals(32, ScenarioFiles.read(folder().resolve("acceptance-v2.json")).size());
        assertEquals(21, ScenarioFiles.read(folder().resolve("acceptance-v2.1.json")).size());
    }
}
