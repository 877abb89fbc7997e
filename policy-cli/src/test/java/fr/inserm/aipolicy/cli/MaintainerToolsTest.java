package fr.inserm.aipolicy.cli;

import static fr.inserm.aipolicy.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.cli.CliTestSupport.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --fail-on}, the hint towards {@code --batch}, and {@code aipolicy test DIR}. */
class MaintainerToolsTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path SCENARIOS = Path.of("..", "policy-rules", "src", "test", "resources", "scenarios");

    @Test
    void failOnGivesExitFourForTheNamedVerdictsAndStillPrintsTheDecision() {
        String deny = EXAMPLES.resolve("draft-article-chatgpt.json").toString();
        String escalate = EXAMPLES.resolve("sovereign-api-pipeline.json").toString();
        String allow = EXAMPLES.resolve("local-model-health-records.json").toString();
        Run denied = run("", "evaluate", "--fail-on", "deny", deny);
        assertEquals(AipolicyCli.FAIL_ON, denied.status());
        assertTrue(denied.out().startsWith("{\"verdict\":\"DENY\""), denied.out());
        assertEquals(AipolicyCli.OK, run("", "evaluate", "--fail-on", "deny", escalate).status());
        assertEquals(AipolicyCli.FAIL_ON, run("", "evaluate", "--fail-on", "escalate", escalate).status());
        assertEquals(AipolicyCli.FAIL_ON, run("", "evaluate", "--fail-on", "escalate", deny).status());
        assertEquals(AipolicyCli.OK, run("", "evaluate", "--fail-on", "escalate", allow).status());
        Run bad = run("", "evaluate", "--fail-on", "allow", allow);
        assertEquals(AipolicyCli.BAD_INPUT, bad.status());
        assertTrue(bad.err().contains("--fail-on takes deny"), bad.err());
    }

    @Test
    void failOnInABatch() {
        String lines = BatchFramingTest.B + "\n" + BatchFramingTest.C + "\n";
        assertEquals(AipolicyCli.OK, run(lines, "evaluate", "--batch", "-", "--fail-on", "deny").status());
        Run escalated = run(lines, "evaluate", "--batch", "-", "--fail-on", "escalate");
        assertEquals(AipolicyCli.FAIL_ON, escalated.status());
        assertEquals(2, escalated.out().split("\n").length, "every line still answered");
        // bad input outranks --fail-on: exit 2
        assertEquals(AipolicyCli.BAD_INPUT, run(lines + "{}\n", "evaluate", "--batch", "-", "--fail-on", "escalate")
                .status());
    }

    @Test
    void jsonLinesGivenToEvaluateGetAHintTowardsBatch() {
        Run file = run("", "evaluate", EXAMPLES.resolve("inventory-sample.jsonl").toString());
        assertEquals(AipolicyCli.BAD_INPUT, file.status());
        assertEquals("", file.out());
        assertTrue(file.err().contains("use evaluate --batch " + EXAMPLES.resolve("inventory-sample.jsonl")), file.err());
        Run stdin = run(BatchFramingTest.A + "\n" + BatchFramingTest.B + "\n", "evaluate", "-");
        assertEquals(AipolicyCli.BAD_INPUT, stdin.status());
        assertTrue(stdin.err().contains("this looks like JSON Lines (one usage per line): use evaluate --batch -"),
                stdin.err());
        assertTrue(stdin.err().contains("(request): not valid JSON: something follows the request (line 2,"),
                "in plain words, no library names: " + stdin.err());
        assertFalse(stdin.err().contains("`"), stdin.err());
        Run batch = run(BatchFramingTest.A + " " + BatchFramingTest.B + "\n", "evaluate", "--batch", "-");
        assertTrue(batch.out().contains("something follows the request") && !batch.out().contains("`"),
                batch.out());
        Run one = run("{\"tool\": {}}", "evaluate", "-");
        assertFalse(one.err().contains("--batch"), "no hint for one bad usage: " + one.err());
    }

    @Test
    void testRunsTheRulesScenarioFilesAndReportsCoverage() {
        Run r = run("", "test", SCENARIOS.toString());
        assertEquals(AipolicyCli.OK, r.status(), r.out() + r.err());
        assertFalse(r.out().contains("FAIL "), r.out());
        assertTrue(r.out().contains("PASS sensitive-data.json: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ cases: \\d+ passed, 0 failed; \\d+ rules, 0 never applied")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  D1 +DENY +\\d+")), r.out());
    }

    @Test
    void aFailingCaseIsShownAndExitsOne(@TempDir Path dir) throws Exception {
        String cases = Files.readString(SCENARIOS.resolve("sensitive-data.json"));
        Path file = dir.resolve("sensitive-data.json");
        // the first expected DENY becomes an ALLOW
        Files.writeString(file, cases.replaceFirst("\"verdict\": ?\"DENY\"", "\"verdict\": \"ALLOW\""));
        Run r = run("", "test", dir.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("FAIL sensitive-data.json: "), r.out());
        assertTrue(r.out().contains("  problem:  verdict: expected ALLOW, got DENY"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ cases: \\d+ passed, 1 failed; .*")), r.out());
    }

    @Test
    void aRuleChangeFailsTheScenariosThatPinIt(@TempDir Path dir) {
        Path rules = CliTestSupport.copyOfRules(dir);
        CliTestSupport.replace(rules.resolve("sensitive-data.drl"), "    UsageFacts( external, sensitiveData )",
                "    UsageFacts( hosting == Hosting.EXTERNAL, sensitiveData )");
        Run r = run("", "--rules", rules.toString(), "--draft", "test", SCENARIOS.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("FAIL sensitive-data.json: confidential data on a sovereign platform without"
                + " subscription"), r.out());
        assertTrue(r.out().contains("problem:  fires: expected rule D1 to apply"), r.out());
    }

    @Test
    void aMisspeltExpectationIsRefusedNamingTheFileAndCase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), "[{\"name\": \"n\", \"usage\": {\"tool\": {\"name\": \"t\"},"
                + " \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"},"
                + " \"expect\": {\"verdict\": \"ALLOW\", \"obligation\": [\"VERIFY_OUTPUTS\"]}}]");
        Run r = run("", "test", dir.toString());
        assertEquals(AipolicyCli.BAD_INPUT, r.status());
        assertTrue(r.err().contains("mine.json, case 0, expect: unknown field obligation; accepted:"), r.err());
        assertEquals(AipolicyCli.BAD_INPUT, run("", "test", dir.resolve("none").toString()).status());
    }
}
