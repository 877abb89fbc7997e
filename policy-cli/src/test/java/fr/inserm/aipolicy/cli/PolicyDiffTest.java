package fr.inserm.aipolicy.cli;

import static fr.inserm.aipolicy.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.DataCategory;
import fr.inserm.aipolicy.Purpose;
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
        // the change under review: D1 forgets sovereign platforms
        CliTestSupport.replace(after.resolve("sensitive-data.drl"), "    Usage( external, includesSensitiveData() )",
                "    Usage( hosting == Hosting.EXTERNAL, includesSensitiveData() )");
        Run r = run("", "diff", CliTestSupport.RULES.toString(), after.toString(), "--scenarios", SCENARIOS.toString(),
                "--contexts", "none", "--examples", "1");
        assertEquals(0, r.status(), r.err());
        // two tools × every purpose × every set of categories holding a sensitive one, on EXTERNAL_SOVEREIGN
        int sensitive = 7;
        int withSensitive = (1 << DataCategory.values().length) - (1 << (DataCategory.values().length - sensitive));
        long expected = 2L * Purpose.values().length * withSensitive;
        assertTrue(r.out().contains("Input space: 196608 usages"), r.out());
        assertTrue(r.out().contains(expected + " changed"), r.out());
        assertTrue(r.out().contains("-D1"), r.out());
        assertTrue(r.out().contains("condition changed: D1, metadata changed: none, message changed: none"), r.out());
        assertTrue(r.out().contains("  D1 condition\n    before: Usage( external, includesSensitiveData() )\n"
                + "    after:  Usage( hosting == Hosting.EXTERNAL, includesSensitiveData() )"), r.out());
        assertTrue(r.out().contains("verdict changed: " + expected + "; same verdict, other content changed: 0"), r.out());
        assertTrue(r.out().contains("DENY -> ALLOW"), r.out());
        assertTrue(r.out().contains("sensitive-data.json: confidential data on a sovereign platform without subscription:"
                + " DENY -> ALLOW; rules -D1; clauses +R6.1 +E4 -R3 -R4.1"), r.out());
        // the five scenarios on a sovereign platform with sensitive data
        assertTrue(r.out().lines().anyMatch(l -> l.matches("Scenarios: \\d+ replayed from .*, 5 changed")), r.out());
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
    void needsTwoPolicies() {
        Run r = run("", "diff", CliTestSupport.RULES.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("diff needs two policies"), r.err());
    }
}
