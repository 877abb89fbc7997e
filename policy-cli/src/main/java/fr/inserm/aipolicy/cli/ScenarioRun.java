package fr.inserm.aipolicy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.InvalidUsageException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyJson;
import fr.inserm.aipolicy.PolicyRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code aipolicy test DIR}: runs scenario files without Maven, case by case, and reports how many
 * cases each rule applied in.
 *
 * <p>A scenario file is a JSON array of cases {@code {"name", "usage", "expect"}}, the format of
 * {@code policy-rules/src/test/resources/scenarios}: {@code expect.verdict} exact; {@code cites},
 * {@code obligations} and {@code advice} must be in the decision ({@code "exact": true} makes
 * obligations and advice exact); {@code escalateTo} exact; {@code fires} and {@code doesNotFire} name
 * rules that must, or must not, apply. A field this reader does not know is refused, naming the file
 * and the case, so that a misspelt expectation cannot pass unchecked.
 *
 * <p>Kept here, package-private, until the scenario reader moves into {@code policy-testing}.
 */
final class ScenarioRun {
    static final List<String> CASE_FIELDS = List.of("name", "usage", "expect");
    static final List<String> EXPECT_FIELDS = List.of("verdict", "cites", "obligations", "advice", "escalateTo", "fires",
            "doesNotFire", "exact");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One case of a scenario file. */
    record Case(String file, String name, JsonNode usage, JsonNode expect) {
    }

    /** A scenario file that is not one: names the file, the case and what is wrong. */
    static final class BadScenarioFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadScenarioFile(String message) {
            super(message);
        }
    }

    private ScenarioRun() {
    }

    /** Every case of a scenario file, or of every {@code *.json} file of a folder in name order. */
    static List<Case> read(Path fileOrFolder) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> list = Files.list(fileOrFolder)) {
                files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            }
        } else {
            files = List.of(fileOrFolder);
        }
        List<Case> cases = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            JsonNode array;
            try {
                array = MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new BadScenarioFile(file + ": not readable JSON: " + e.getMessage());
            }
            if (array == null || !array.isArray()) {
                throw new BadScenarioFile(file + ": a scenario file is a JSON array of cases");
            }
            int index = 0;
            for (JsonNode c : array) {
                String at = file + ", case " + index++;
                if (!c.isObject() || !c.path("name").isTextual() || !c.path("usage").isObject()
                        || !c.path("expect").isObject() || !c.path("expect").path("verdict").isTextual()) {
                    throw new BadScenarioFile(at + ": every case needs name (a text), usage (an object) and"
                            + " expect (an object with a verdict)");
                }
                unknown(c, CASE_FIELDS, at + " (\"" + c.get("name").asText() + "\")", "");
                unknown(c.get("expect"), EXPECT_FIELDS, at + " (\"" + c.get("name").asText() + "\")", "expect.");
                cases.add(new Case(name, c.get("name").asText(), c.get("usage"), c.get("expect")));
            }
        }
        return cases;
    }

    private static void unknown(JsonNode node, List<String> accepted, String at, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw new BadScenarioFile(at + ": " + prefix + name + ": unknown field; accepted: "
                        + String.join(", ", accepted));
            }
        }
    }

    /**
     * Runs the cases and prints a line per case, then each rule's coverage.
     *
     * @return how many cases failed
     */
    static int run(PolicyEngine engine, List<Case> cases, PrintStream out) {
        Map<String, List<String>> appliedIn = new LinkedHashMap<>();
        engine.rules().forEach(r -> appliedIn.put(r.id(), new ArrayList<>()));
        int failed = 0;
        for (Case c : cases) {
            String label = c.file() + ": " + c.name();
            List<String> problems;
            Decision decision = null;
            try {
                decision = engine.evaluate(PolicyJson.readUsage(c.usage().toString()));
                problems = mismatches(c.expect(), decision);
                for (String rule : decision.appliedRules()) {
                    appliedIn.computeIfAbsent(rule, r -> new ArrayList<>()).add(label);
                }
            } catch (InvalidUsageException e) {
                problems = List.of("the usage is refused: " + e.getMessage());
            }
            if (problems.isEmpty()) {
                out.println("PASS " + label);
            } else {
                failed++;
                out.println("FAIL " + label);
                out.println("  usage:    " + c.usage());
                out.println("  expected: " + c.expect());
                problems.forEach(p -> out.println("  problem:  " + p));
                if (decision != null) {
                    out.println("  got:      " + decision.verdict() + ", rules " + decision.appliedRules() + ", clauses "
                            + decision.citedClauseIds());
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

    /** What differs between the expectations and a decision; empty when they hold. */
    static List<String> mismatches(JsonNode expect, Decision decision) {
        List<String> problems = new ArrayList<>();
        String verdict = expect.get("verdict").asText();
        if (!decision.verdict().name().equals(verdict)) {
            problems.add("verdict: expected " + verdict + ", got " + decision.verdict());
        }
        for (JsonNode id : expect.path("cites")) {
            if (!decision.cites(id.asText())) {
                problems.add("cites: expected " + id.asText() + " among " + decision.citedClauseIds());
            }
        }
        for (JsonNode id : expect.path("fires")) {
            if (!decision.appliedRules().contains(id.asText())) {
                problems.add("fires: expected rule " + id.asText() + " to apply, applied " + decision.appliedRules());
            }
        }
        for (JsonNode id : expect.path("doesNotFire")) {
            if (decision.appliedRules().contains(id.asText())) {
                problems.add("doesNotFire: expected rule " + id.asText() + " not to apply, applied "
                        + decision.appliedRules());
            }
        }
        boolean exact = expect.path("exact").asBoolean(false);
        compareSet(problems, expect, "obligations", decision.obligationIds(), exact);
        compareSet(problems, expect, "advice", decision.adviceIds(), exact);
        compareSet(problems, expect, "escalateTo", decision.escalateTo().stream().map(Enum::name).toList(), true);
        return problems;
    }

    private static void compareSet(List<String> problems, JsonNode expect, String field, List<String> actual,
            boolean exact) {
        if (!expect.has(field)) {
            return;
        }
        TreeSet<String> expected = new TreeSet<>();
        expect.get(field).forEach(n -> expected.add(n.asText()));
        TreeSet<String> got = new TreeSet<>(actual);
        if (exact ? !expected.equals(got) : !got.containsAll(expected)) {
            problems.add(field + ": expected " + (exact ? "exactly " : "at least ") + expected + ", got " + got);
        }
    }
}
