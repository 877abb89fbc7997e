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
 */
record Scenario(String file, String name, String usageJson, JsonNode expect) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Scenario> all() {
        URL folder = Scenario.class.getClassLoader().getResource("scenarios");
        if (folder == null) {
            throw new IllegalStateException("no scenarios folder on the test class path");
        }
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode cases = MAPPER.readTree(file.toFile());
                for (JsonNode c : cases) {
                    scenarios.add(new Scenario(file.getFileName().toString(), c.get("name").asText(),
                            MAPPER.writeValueAsString(c.get("usage")), c.get("expect")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
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

    @Override
    public String toString() {
        return file + ": " + name;
    }
}
