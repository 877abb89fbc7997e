package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.testing.Scenario;
import fr.inserm.aipolicy.testing.ScenarioFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aipolicy test}: runs scenario files without Maven, as {@code opa test} does, through the
 * scenario reader the rule tests use ({@code policy-testing}): a line per case, then each rule's
 * coverage.
 */
final class ScenarioRun {

    /** A scenario file that is not one (not an array of cases, a case without its fields, an unknown field). */
    static final class BadScenarioFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadScenarioFile(String message) {
            super(message);
        }
    }

    private ScenarioRun() {
    }

    /** Reads one scenario file, or every *.json file of a folder. */
    static List<Scenario> read(Path fileOrFolder) throws IOException {
        try {
            return ScenarioFiles.read(fileOrFolder);
        } catch (IllegalArgumentException e) {
            throw new BadScenarioFile(e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Runs the cases and prints a line per case, then each rule's coverage.
     *
     * @return how many cases failed
     */
    static int run(PolicyEngine engine, List<Scenario> cases, PrintStream out) {
        Map<String, List<String>> appliedIn = new LinkedHashMap<>();
        engine.rules().forEach(r -> appliedIn.put(r.id(), new ArrayList<>()));
        int failed = 0;
        for (Scenario c : cases) {
            String label = c.file() + ": " + c.name();
            Scenario.Outcome outcome = c.run(engine);
            if (outcome.decision() != null) {
                for (String rule : outcome.decision().appliedRules()) {
                    appliedIn.computeIfAbsent(rule, r -> new ArrayList<>()).add(label);
                }
            }
            if (outcome.passed()) {
                out.println("PASS " + label);
            } else {
                failed++;
                out.println("FAIL " + label);
                out.println("  usage:    " + c.usageJson() + (c.strict() ? " (strict)" : ""));
                out.println("  expected: " + c.expect());
                outcome.problems().forEach(p -> out.println("  problem:  " + p));
                if (outcome.decision() != null) {
                    out.println("  got:      " + outcome.decision().verdict() + ", rules "
                            + outcome.decision().appliedRules() + ", clauses " + outcome.decision().citedClauseIds()
                            + ", assumed " + outcome.decision().assumedFields());
                }
            }
        }
        out.println();
        out.println("Rule coverage (cases in which each rule applied, of " + cases.size() + "):");
        List<String> never = new ArrayList<>();
        for (PolicyRule rule : engine.rules()) {
            int n = appliedIn.get(rule.id()).size();
            out.printf("  %-5s %-10s %5d%s%n", rule.id(), rule.effect(), n, n == 0 ? "  never applied" : "");
            if (n == 0) {
                never.add(rule.id());
            }
        }
        out.println();
        out.println(cases.size() + " cases: " + (cases.size() - failed) + " passed, " + failed + " failed; "
                + engine.rules().size() + " rules, " + never.size() + " never applied" + (never.isEmpty() ? ""
                : " (" + String.join(" ", never) + ")"));
        return failed;
    }
}
