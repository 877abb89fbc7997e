package fr.inserm.aipolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.testing.DecisionLogRecords;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --decision-log DIR}: one record per decision the command made, in the documented shape, with
 * nothing the minimisation forbids; and {@code log stats}, which counts a generated log exactly.
 */
class DecisionLogCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> logLines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                assertTrue(file.getFileName().toString().matches("decisions\\.\\d{4}-\\d{2}-\\d{2}\\.jsonl"), file.toString());
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Test
    void everyDecisionOfTheCommandIsRecordedOnce(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("log");
        String usage = "{\"tool\": {\"name\": \"Mme Martin's helper\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\":"
                + " [\"IDENTIFIABLE_HEALTH_DATA\"], \"purpose\": \"WRITING\"}";
        CliTestSupport.Run single = CliTestSupport.run(usage, "evaluate", "--alternatives", "-", "--decision-log",
                log.toString(), "--mask-tool-names");
        assertEquals(AipolicyCli.OK, single.status(), single.err());
        StringBuilder batch = new StringBuilder();
        int decided = 0;
        for (String purpose : List.of("WRITING", "TRANSLATION", "CODE_GENERATION", "SUMMARISATION")) {
            for (String hosting : List.of("EXTERNAL", "LOCAL", "INTERNAL")) {
                batch.append("{\"tool\": {\"name\": \"tool ").append(decided).append("\"}, \"hosting\": \"").append(hosting)
                        .append("\", \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"").append(purpose).append("\"}\n");
                decided++;
            }
        }
        batch.append("not a usage\n");
        CliTestSupport.Run many = CliTestSupport.run(batch.toString(), "--decision-log", log.toString(), "evaluate",
                "--batch", "-");
        assertEquals(AipolicyCli.BAD_INPUT, many.status(), many.err()); // the unreadable line
        List<String> lines = logLines(log);
        assertEquals(1 + decided, lines.size(), "one record per decision, none for the unreadable line nor the"
                + " alternatives' variants: " + many.err());
        JsonNode first = DecisionLogRecords.check(lines.get(0));
        assertEquals("masked", first.get("tool").asText());
        assertEquals("CLI", first.get("channel").asText());
        assertEquals("DENY", first.get("verdict").asText());
        assertFalse(lines.get(0).contains("Martin"));
        String previous = "";
        for (String line : lines) {
            JsonNode record = DecisionLogRecords.check(line);
            assertFalse(record.has("requester"));
            assertTrue(record.get("id").asText().compareTo(previous) > 0);
            previous = record.get("id").asText();
        }
        assertEquals("tool 0", DecisionLogRecords.check(lines.get(1)).get("tool").asText(), "in clear unless masked");
    }

    @Test
    void optionsOfTheLogAreChecked(@TempDir Path dir) {
        CliTestSupport.Run run = CliTestSupport.run("", "--decision-log", dir.toString(), "--decision-log-retention-days",
                "0", "rules");
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        assertTrue(run.err().contains("--decision-log-retention-days needs a number of days"), run.err());
        run = CliTestSupport.run("", "--mask-tool-names", "rules");
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
    }

    /** A log of {@code count} records over 20 weeks, from a seed; its exact counts beside it. */
    private static Map<String, Map<String, Long>> generate(Path file, long seed, int count) throws IOException {
        System.out.println("DecisionLogCliTest seed " + seed + ", " + count + " records");
        Random random = new Random(seed);
        String[] verdicts = {"ALLOW", "ESCALATE", "DENY"};
        String[] tools = {"ChatGPT", "masked", "Mistral \\\"Le Chat\\\"", "Llama3.2-1B via Ollama"};
        String[] purposes = {"WRITING", "TRANSLATION", "CODE_GENERATION"};
        String[] categories = {"PUBLIC", "IDENTIFIABLE_HEALTH_DATA", "PSEUDONYMISED_DATA"};
        String[] rules = {"DENY_HEALTH_EXTERNAL", "ALLOW_PUBLIC", "ESCALATE_DPIA", "DISCLOSE_AI_USE"};
        String[] clauses = {"R3", "R4.1", "R4.4", "E1.2"};
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        LocalDate start = LocalDate.of(2026, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                LocalDate day = start.plusDays((long) i * 140 / count);
                String verdict = verdicts[random.nextInt(3)];
                String tool = tools[random.nextInt(tools.length)];
                String purpose = purposes[random.nextInt(3)];
                List<String> cats = pick(random, categories);
                List<String> rs = pick(random, rules);
                List<String> cs = pick(random, clauses);
                out.write("{\"id\":\"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"time\":\"" + day + "T10:11:12.131Z\","
                        + "\"policyVersion\":\"2.1.0\",\"policyDigest\":\"sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"channel\":\"HTTP\","
                        + "\"strict\":false,\"tool\":\"" + tool + "\",\"hosting\":\"EXTERNAL\",\"purpose\":\"" + purpose
                        + "\",\"dataCategories\":" + array(cats) + ",\"context\":{\"userTrained\":true,"
                        + "\"codeTarget\":\"GENERAL\"},\"verdict\":\"" + verdict + "\",\"rules\":" + array(rs)
                        + ",\"clauses\":" + array(cs) + ",\"assumptions\":[\"context.userTrained\"],\"contacts\":[]}\n");
                count(expected, "verdict", verdict);
                count(expected, "channel", "HTTP");
                count(expected, "tool", tool.replace("\\\"", "\""));
                count(expected, "purpose", purpose);
                cats.forEach(c -> count(expected, "dataCategories", c));
                rs.forEach(r -> count(expected, "rules", r));
                cs.forEach(c -> count(expected, "clauses", c));
                count(expected, "week", String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            }
        }
        return expected;
    }

    private static List<String> pick(Random random, String[] values) {
        List<String> picked = new ArrayList<>();
        for (String v : values) {
            if (random.nextInt(3) == 0) {
                picked.add(v);
            }
        }
        return picked;
    }

    private static String array(List<String> values) {
        return values.isEmpty() ? "[]" : "[\"" + String.join("\",\"", values) + "\"]";
    }

    private static void count(Map<String, Map<String, Long>> counts, String dimension, String value) {
        counts.computeIfAbsent(dimension, d -> new TreeMap<>()).merge(value, 1L, Long::sum);
    }

    @Test
    void statsCountAGeneratedLogExactly(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("log"));
        Map<String, Map<String, Long>> expected = generate(folder.resolve("decisions.2026-05-01.jsonl"), 2024L, 20_000);
        Map<String, Map<String, Long>> more = generate(folder.resolve("decisions.2026-05-02.jsonl"), 77L, 5_000);
        more.forEach((d, m) -> m.forEach((k, v) -> expected.computeIfAbsent(d, x -> new TreeMap<>()).merge(k, v, Long::sum)));
        CliTestSupport.Run run = CliTestSupport.run("", "log", "stats", "--output", "json", folder.toString());
        assertEquals(AipolicyCli.OK, run.status(), run.err());
        JsonNode stats = JSON.readTree(run.out());
        assertEquals(25_000, stats.get("records").asLong());
        for (Map.Entry<String, Map<String, Long>> dimension : expected.entrySet()) {
            Map<String, Long> counted = new TreeMap<>();
            stats.get(dimension.getKey()).fields().forEachRemaining(e -> counted.put(e.getKey(), e.getValue().asLong()));
            assertEquals(dimension.getValue(), counted, dimension.getKey());
        }
        CliTestSupport.Run text = CliTestSupport.run("", "log", "stats", "--lang", "fr", folder.toString());
        assertTrue(text.out().startsWith("Décisions : 25000"), text.out());
        CliTestSupport.Run csv = CliTestSupport.run("", "log", "stats", "--output", "csv", folder.toString());
        assertTrue(csv.out().contains("\ntotal,decisions,25000\n"), csv.out());

        Files.writeString(folder.resolve("decisions.2026-05-03.jsonl"), "{\"verdict\":\"ALLOW\"\n");
        CliTestSupport.Run broken = CliTestSupport.run("", "log", "stats", folder.toString());
        assertEquals(AipolicyCli.BAD_INPUT, broken.status());
        assertTrue(broken.err().contains("decisions.2026-05-03.jsonl line 1"), broken.err());
    }

    @Test
    void aLogCutIntoPartsIsCountedAsAWhole(@TempDir Path dir) throws IOException {
        // about 24 MB: cut into parts counted on threads of their own (the speed is measured by a whole
        // command's timing, not here: a unit test's timing says nothing on a shared machine)
        Path file = dir.resolve("decisions.2026-01-01.jsonl");
        int count = 50_000;
        generate(file, 5L, count);
        Files.writeString(file, "{\"verdict\":\"ALLOW\"\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(2, LogStats.Part.of(file, 2).size(), "the file is cut in two at a line's end");
        LogStats whole = new LogStats();
        whole.read(file);
        LogStats parts = LogStats.readAll(List.of(file, file));
        assertEquals(2L * count, parts.records());
        assertEquals(2, parts.unreadable());
        for (LogStats.Dimension d : LogStats.Dimension.values()) {
            List<Map.Entry<String, Long>> doubled = whole.counts(d).stream()
                    .map(e -> Map.entry(e.getKey(), 2 * e.getValue())).toList();
            assertEquals(doubled, parts.counts(d), d.name());
        }
        // the first line that is not a record, numbered in its file, not in its part
        assertEquals(file + " line " + (count + 1), parts.firstUnreadable());
        assertEquals(whole.firstUnreadable(), parts.firstUnreadable());
    }
}
