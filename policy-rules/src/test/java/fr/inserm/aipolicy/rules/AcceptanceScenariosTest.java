package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every worked case of every scenario file decides as expected. */
class AcceptanceScenariosTest {
    static final PolicyEngine ENGINE = PolicyEngine.builder().build();

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesAsExpected(Scenario scenario) {
        Decision decision = ENGINE.evaluate(scenario.usage());
        List<String> problems = scenario.mismatches(decision);
        assertTrue(problems.isEmpty(), () -> "scenario \"" + scenario.name() + "\" (" + scenario.file() + ")\n"
                + "  usage:    " + scenario.usageJson() + "\n"
                + "  problems: " + String.join("; ", problems) + "\n"
                + "  rules:    " + decision.appliedRules() + "\n"
                + "  decision: " + PolicyJson.writePretty(decision));
    }

    @Test
    void theAcceptanceFileIsThere() {
        assertEquals(28, scenarios().stream().filter(s -> s.file().equals("acceptance.json")).count());
    }
}
