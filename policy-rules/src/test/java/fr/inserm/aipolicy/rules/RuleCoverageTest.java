package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.decision.Decision;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.testing.Scenario;
import fr.inserm.aipolicy.testing.ScenarioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Rule coverage across every scenario file: which rule applied in which scenario, which clauses were
 * cited, written to {@code target/rule-coverage.md}. Fails when a rule never applies, or always
 * applies (the other side of its condition is never tested), so a rule cannot go untested.
 */
class RuleCoverageTest {
    static final Path REPORT = Path.of("target", "rule-coverage.md");

    @Test
    void everyRuleAppliesSomewhereAndIsLeftOutSomewhere() throws IOException {
        List<Scenario> scenarios = ScenarioFilesTest.decided();
        Map<String, List<String>> appliedIn = new LinkedHashMap<>();
        List<PolicyRule> rules = ScenarioFilesTest.ENGINE.rules();
        rules.forEach(r -> appliedIn.put(r.id(), new ArrayList<>()));
        Map<String, Integer> citedCount = new TreeMap<>();
        for (Scenario s : scenarios) {
            Decision d = s.run(ScenarioFilesTest.ENGINE).decision();
            d.appliedRules().forEach(id -> appliedIn.get(id).add(s.toString()));
            d.citedClauseIds().forEach(id -> citedCount.merge(id, 1, Integer::sum));
        }
        StringBuilder report = new StringBuilder("# Rule coverage\n\n").append(scenarios.size())
                .append(" scenarios from ").append(ScenarioFiles.files(ScenarioFilesTest.folder()).size()).append(" files.\n\n")
                .append("| rule | file | applied in | left out in | clauses | first scenarios where it applied |\n")
                .append("|---|---|---|---|---|---|\n");
        List<String> problems = new ArrayList<>();
        for (PolicyRule rule : rules) {
            List<String> in = appliedIn.get(rule.id());
            int out = scenarios.size() - in.size();
            report.append("| ").append(rule.id()).append(" | ").append(rule.file()).append(" | ").append(in.size())
                    .append(" | ").append(out).append(" | ").append(String.join(" ", rule.clauses())).append(" | ")
                    .append(String.join("; ", in.subList(0, Math.min(3, in.size())))).append(" |\n");
            if (in.isEmpty()) {
                problems.add(rule.id() + " (" + rule.file() + ") never applies in any scenario");
            }
            if (out == 0 && !ScenarioFilesTest.unconditional(rule.file()).contains(rule.id())) {
                problems.add(rule.id() + " (" + rule.file() + ") applies in every scenario: its condition is never false");
            }
        }
        report.append("\n## Clauses cited\n\n| clause | scenarios citing it |\n|---|---|\n");
        for (String id : CatalogueTest.POLICY_IDS) {
            report.append("| ").append(id).append(" | ").append(citedCount.getOrDefault(id, 0)).append(" |\n");
        }
        TreeSet<String> never = new TreeSet<>(CatalogueTest.POLICY_IDS);
        never.removeAll(citedCount.keySet());
        report.append("\nNever cited by a scenario (no rule cites them yet): ").append(never).append("\n");
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
        assertTrue(problems.isEmpty(), () -> "rule coverage (see " + REPORT.toAbsolutePath() + "):\n  "
                + String.join("\n  ", problems));
    }
}
