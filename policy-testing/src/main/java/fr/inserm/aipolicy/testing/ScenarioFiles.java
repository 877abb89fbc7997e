package fr.inserm.aipolicy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenario files: JSON arrays of cases {@code {"name", "usage", "strict"?, "why"?, "expect"}} (see
 * {@link Scenario}). The one reader of the format, for the rule tests, {@code aipolicy test} and
 * {@code aipolicy diff}.
 */
public final class ScenarioFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> CASE_FIELDS = Set.of("name", "usage", "strict", "expect", "why");
    private static final Set<String> EXPECT_FIELDS = Set.of("verdict", "refused", "cites", "obligations", "advice",
            "assumptions", "escalateTo", "fires", "doesNotFire", "exact", "assumptionsExactly");

    private ScenarioFiles() {
    }

    /**
     * Reads one scenario file, or every {@code *.json} file of a folder in name order.
     *
     * @param fileOrFolder a scenario file or a folder of them
     * @return the cases, in file order
     * @throws IllegalArgumentException naming the file and the case when a file is not a scenario file
     * @throws UncheckedIOException when a file cannot be read
     */
    public static List<Scenario> read(Path fileOrFolder) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : files(fileOrFolder)) {
            scenarios.addAll(readFile(file));
        }
        return scenarios;
    }

    /**
     * The scenario files a path designates: itself, or the {@code *.json} files of a folder.
     *
     * @param fileOrFolder a file or folder
     * @return the files, in name order
     */
    public static List<Path> files(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> files = Files.list(fileOrFolder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(fileOrFolder + ": " + e.getMessage(), e);
        }
    }

    private static List<Scenario> readFile(Path file) {
        String name = file.getFileName().toString();
        JsonNode cases;
        try {
            cases = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not readable JSON: " + e.getMessage(), e);
        }
        if (cases == null || !cases.isArray()) {
            throw new IllegalArgumentException(file + ": a scenario file is a JSON array of cases");
        }
        List<Scenario> scenarios = new ArrayList<>();
        int index = 0;
        for (JsonNode c : cases) {
            String at = file + ", case " + index++;
            if (!c.isObject() || !c.path("name").isTextual() || !c.path("usage").isObject()
                    || !c.path("expect").isObject()) {
                throw new IllegalArgumentException(at + ": every case needs name (a text), usage and expect (objects)");
            }
            unknown(c, CASE_FIELDS, at);
            JsonNode e = c.get("expect");
            unknown(e, EXPECT_FIELDS, at + ", expect");
            String verdict = e.path("verdict").isTextual() ? e.get("verdict").asText() : null;
            String refused = e.path("refused").isTextual() ? e.get("refused").asText() : null;
            if ((verdict == null) == (refused == null)) {
                throw new IllegalArgumentException(at + " (\"" + c.get("name").asText()
                        + "\"): expect needs either verdict or refused");
            }
            Scenario.Expectation expect = new Scenario.Expectation(verdict, refused, list(e, "cites"),
                    list(e, "obligations"), list(e, "advice"), list(e, "assumptions"), list(e, "escalateTo"),
                    list(e, "fires"), list(e, "doesNotFire"), e.path("exact").asBoolean(false),
                    list(e, "assumptionsExactly"));
            try {
                scenarios.add(new Scenario(name, c.get("name").asText(), MAPPER.writeValueAsString(c.get("usage")),
                        c.path("strict").asBoolean(false), expect));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return scenarios;
    }

    private static void unknown(JsonNode node, Set<String> accepted, String at) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!accepted.contains(field)) {
                throw new IllegalArgumentException(at + ": unknown field " + field + "; accepted: " + accepted);
            }
        }
    }

    private static List<String> list(JsonNode expect, String field) {
        JsonNode node = expect.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        node.forEach(n -> values.add(n.asText()));
        return List.copyOf(values);
    }
}
