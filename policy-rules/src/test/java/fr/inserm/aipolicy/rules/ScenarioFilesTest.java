package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.PolicyEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every worked case of every scenario file decides as expected: add a case to any file, no Java needed. */
class ScenarioFilesTest {
    static final PolicyEngine ENGINE = PolicyEngine.builder().build();

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesAsExpected(Scenario scenario) {
        Decision decision = ENGINE.evaluate(scenario.usage());
        List<String> problems = scenario.mismatches(decision);
        assertTrue(problems.isEmpty(), () -> scenario.failure(decision, problems));
    }

    @Test
    void theAcceptanceCasesAreAllThere() {
        assertEquals(28, Scenario.from("acceptance.json").size());
    }
}
