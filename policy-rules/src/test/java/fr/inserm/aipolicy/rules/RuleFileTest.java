package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.PolicyRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The tests of one DRL file: the cases of the scenario file of the same name
 * ({@code sensitive-data.drl} and {@code scenarios/sensitive-data.json}), which must pin both sides
 * of every rule of the file with {@code fires} and {@code doesNotFire}.
 */
abstract class RuleFileTest {

    /** The DRL file under test, for example {@code sensitive-data.drl}. */
    abstract String drlFile();

    private String scenarioFile() {
        return drlFile().replace(".drl", ".json");
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return Scenario.from(scenarioFile()).stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            Decision decision = ScenarioFilesTest.ENGINE.evaluate(scenario.usage());
            List<String> problems = scenario.mismatches(decision);
            assertTrue(problems.isEmpty(), () -> scenario.failure(decision, problems));
        }));
    }

    @Test
    void everyRuleOfTheFileIsPinnedOnBothSides() {
        Set<String> rules = ScenarioFilesTest.ENGINE.rules().stream().filter(r -> r.file().equals(drlFile()))
                .map(PolicyRule::id).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(rules.isEmpty(), "no rule comes from " + drlFile());
        Set<String> fires = new TreeSet<>();
        Set<String> doesNotFire = new TreeSet<>();
        for (Scenario s : Scenario.from(scenarioFile())) {
            s.expect().path("fires").forEach(n -> fires.add(n.asText()));
            s.expect().path("doesNotFire").forEach(n -> doesNotFire.add(n.asText()));
        }
        for (String rule : rules) {
            assertTrue(fires.contains(rule), () -> scenarioFile() + " has no case where rule " + rule + " fires");
            assertTrue(doesNotFire.contains(rule),
                    () -> scenarioFile() + " has no case where rule " + rule + " does not fire");
        }
    }
}
