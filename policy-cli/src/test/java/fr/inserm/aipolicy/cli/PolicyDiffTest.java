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

/** {@code aipolicy diff} reports a deliberately changed rule, and nothing for an unchanged policy. */
class PolicyDiffTest {
    static final Path SCENARIOS = Path.of("..", "policy-rules", "src", "test", "resources", "scenarios");

    @Test
    void reportsWhatAChangedRuleChanges(@TempDir Path dir) throws Exception {
        Path after = CliTestSupport.copyOfRules(Files.createDirectory(dir.resolve("after")));
        // the change under review: S1 forgets sovereign platforms; no permit covers what it no longer
        // catches, so those usages are denied by default, never allowed
        CliTestSupport.replace(after.resolve("sensitive-data.drl"), "    UsageFacts( external, unknownData )",
                "    UsageFacts( hosting == Hosting.EXTERNAL, unknownData )");
        Run r = run("", "diff", CliTestSupport.RULES.toString(), after.toString(), "--scenarios", SCENARIOS.toString(),
                "--contexts", "none", "--examples", "1");
        // decisions changed and the version did not: a version names its content
        assertEquals(AipolicyCli.FAIL_ON, r.status(), r.err());
        assertTrue(r.err().contains("decisions changed, and the version did not"), r.err());
        assertTrue(r.out().lines().findFirst().orElseThrow().matches(
                "aipolicy diff: policy (\\S+) \\(recorded, .*\\) -> policy \\1-draft\\+[0-9a-f]{12} \\(DRAFT, .*\\)"), r.out());
        // verdicts: on EXTERNAL_SOVEREIGN, UNKNOWN with no sensitive category (8 sets of categories), every
        // purpose a generative tool takes (12) and a non-generative one (10), less automated processing and
        // model training, which other rules still escalate (S2, S5)
        long expected = 8L * (12 + 10 - 2 * 2);
        // two tools × 4 hostings × every set of categories, less what the policy refuses as input
        assertTrue(r.out().contains("Input space: 180184 usages"), r.out());
        // every usage S1 applied to on a sovereign platform changes (S1 and R3.1 gone), most keeping their verdict
        assertTrue(r.out().contains("22528 changed"), r.out());
        assertTrue(r.out().contains("-S1"), r.out());
        assertTrue(r.out().contains("condition changed: S1, metadata changed: none, message changed: none"), r.out());
        assertTrue(r.out().contains("  S1 condition\n    before: UsageFacts( external, unknownData )\n"
                + "    after:  UsageFacts( hosting == Hosting.EXTERNAL, unknownData )"), r.out());
        assertTrue(r.out().contains("verdict changed: " + expected + ";"), r.out());
        assertTrue(r.out().contains("ESCALATE -> DENY"), r.out());
        assertFalse(r.out().contains("-> ALLOW"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("Scenarios: \\d+ replayed from .*, [1-9]\\d* changed")), r.out());
    }

    @Test
    void anUnchangedPolicyChangesNothing(@TempDir Path dir) {
        Path copy = CliTestSupport.copyOfRules(dir);
        Run r = run("", "diff", CliTestSupport.RULES.toString(), copy.toString(), "--contexts", "none", "--fail-on-change");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("No decision changed."), r.out());
        assertTrue(r.out().contains("condition changed: none, metadata changed: none, message changed: none"), r.out());
    }

    /** A reworded message changes decisions' texts, not their verdicts: no "DENY -> DENY" is counted. */
    @Test
    void aMessageChangeIsNamedAndCountsNoVerdictChange(@TempDir Path dir) {
        Path after = CliTestSupport.copyOfRules(dir);
        CliTestSupport.replace(after.resolve("messages.properties"), "D1=Sensitive data must never",
                "D1=Sensitive data shall never");
        Run r = run("", "diff", CliTestSupport.RULES.toString(), after.toString(), "--contexts", "none",
                "--fail-on-change");
        assertEquals(AipolicyCli.FAIL_ON, r.status(), "--fail-on-change: decisions changed; " + r.err());
        assertTrue(r.out().contains("condition changed: none, metadata changed: none, message changed: D1"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  verdict changed: 0; same verdict, other content changed: \\d+")),
                r.out());
        assertFalse(r.out().contains("DENY -> DENY"), r.out());
        assertFalse(r.out().contains("  verdicts:"), r.out());
        assertTrue(r.out().contains("DENY (verdict unchanged); rules (same); clauses (same)"), r.out());
    }

    @Test
    void aChangeUnderANewVersionPassesAndTheSameVersionFails(@TempDir Path dir) {
        Path after = CliTestSupport.copyOfRules(dir);
        CliTestSupport.replace(after.resolve("messages.properties"), "D1=Sensitive data must never",
                "D1=Sensitive data shall never");
        Run same = run("", "diff", CliTestSupport.RULES.toString(), after.toString(), "--contexts", "none");
        assertEquals(AipolicyCli.FAIL_ON, same.status(), same.err());
        assertTrue(same.err().contains("record a new one: aipolicy version " + after), same.err());
        Run recorded = run("", "version", after.toString(), "9.9.9");
        assertEquals(AipolicyCli.OK, recorded.status(), recorded.err());
        assertTrue(recorded.out().startsWith("recorded: policy 9.9.9 sha256:"), recorded.out());
        Run next = run("", "diff", CliTestSupport.RULES.toString(), after.toString(), "--contexts", "none");
        assertEquals(AipolicyCli.OK, next.status(), next.err());
        assertTrue(next.out().lines().findFirst().orElseThrow().endsWith("-> policy 9.9.9 (recorded, " + after + ")"),
                next.out());
    }

    @Test
    void needsTwoPolicies() {
        Run r = run("", "diff", CliTestSupport.RULES.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("diff needs two policies"), r.err());
    }
}
