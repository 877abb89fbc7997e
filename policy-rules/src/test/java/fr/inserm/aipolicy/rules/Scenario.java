package fr.inserm.aipolicy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.PolicyJson;
import fr.inserm.aipolicy.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A worked case from a scenario file in {@code src/test/resources/scenarios/}: a usage and what
 * the decision must hold. Every {@code *.json} file of that folder is read, so a new case needs no Java.
 *
 * <p>Expectations: {@code verdict} exact; {@code cites}, {@code obligations} and {@code advice}
 * must all be in the decision (others may be too); {@code escalateTo}, when given, exact as a set
 * ({@code []} says "no one to ask"). With {@code "exact": true}, obligations and advice are exact too.
 * {@code fires} and {@code doesNotFire} name rule ids that must, or must not, have applied: how a
 * rule file's own scenarios pin both sides of each rule's condition.
 */
record Scenario(String file, String name, String usageJson, JsonNode expect) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every case of every scenario file, file by file in name order. */
    static List<Scenario> all() {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : files()) {
            scenarios.addAll(read(file));
        }
        return scenarios;
    }

    /** The cases of one scenario file, for example {@code sensitive-data.json}. */
    static List<Scenario> from(String fileName) {
        return read(folder().resolve(fileName));
    }

    /** The scenario files. */
    static List<Path> files() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        URL folder = Scenario.class.getClassLoader().getResource("scenarios");
        if (folder == null) {
            throw new IllegalStateException("no scenarios folder on the test class path");
        }
        try {
            return Path.of(folder.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Scenario> read(Path file) {
        List<Scenario> scenarios = new ArrayList<>();
        try {
            JsonNode cases = MAPPER.readTree(file.toFile());
            if (cases == null || !cases.isArray()) {
                throw new IllegalStateException(file + ": a scenario file is a JSON array of cases");
            }
            for (JsonNode c : cases) {
                if (!c.hasNonNull("name") || !c.hasNonNull("usage") || !c.path("expect").hasNonNull("verdict")) {
                    throw new IllegalStateException(file + ": every case needs name, usage and expect.verdict: " + c);
                }
                scenarios.add(new Scenario(file.getFileName().toString(), c.get("name").asText(),
                        MAPPER.writeValueAsString(c.get("usage")), c.get("expect")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return scenarios;
    }

    Usage usage() {
        return PolicyJson.readUsage(usageJson);
    }

    /** What differs between this scenario's expectations and a decision; empty when it holds. */
    List<String> mismatches(Decision decision) {
        List<String> problems = new ArrayList<>();
        String verdict = expect.get("verdict").asText();
        if (!decision.verdict().name().equals(verdict)) {
            problems.add("verdict: expected " + verdict + ", got " + decision.verdict());
        }
        if (expect.has("cites")) {
            for (JsonNode id : expect.get("cites")) {
                if (!decision.cites(id.asText())) {
                    problems.add("cites: expected " + id.asText() + " among " + decision.citedClauseIds());
                }
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
        compareSet(problems, "obligations", decision.obligationIds(), exact);
        compareSet(problems, "advice", decision.adviceIds(), exact);
        compareSet(problems, "escalateTo", decision.escalateTo().stream().map(Enum::name).toList(), true);
        return problems;
    }

    private void compareSet(List<String> problems, String field, List<String> actual, boolean exact) {
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

    /** A message showing everything a rule author needs when this scenario fails. */
    String failure(Decision decision, List<String> problems) {
        return "scenario \"" + name + "\" (" + file + ")\n"
                + "  usage:    " + usageJson + "\n"
                + "  expected: " + expect + "\n"
                + "  problems: " + String.join("; ", problems) + "\n"
                + "  rules:    " + decision.appliedRules() + "\n"
                + "  decision: " + fr.inserm.aipolicy.PolicyJson.writePretty(decision);
    }

    @Override
    public String toString() {
        return file + ": " + name;
    }
}
