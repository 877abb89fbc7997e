package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.json.PolicyJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch frames records itself, on bytes: a record ends at {@code \n} only; each line is decoded
 * as UTF-8 on its own; an over-long line is skipped without being held; every output record names
 * its line (and id), one per non-blank input record, in order.
 */
class BatchFramingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String A = "{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\":"
            + " [\"UNPUBLISHED_RESEARCH\"], \"purpose\": \"WRITING\"}";
    static final String B = "{\"tool\": {\"name\": \"Llama\", \"parametersBillions\": 1}, \"hosting\": \"LOCAL\","
            + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"SUMMARISATION\"}";
    static final String C = "{\"tool\": {\"name\": \"Mistral API\"}, \"hosting\": \"EXTERNAL_SOVEREIGN\","
            + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"AUTOMATED_PROCESSING\"}";
    static PolicyEngine engine;

    @BeforeAll
    static void build() {
        engine = PolicyEngine.builder().build();
    }

    record Run(int status, List<String> out, String err) {
        JsonNode json(int i) throws IOException {
            return JSON.readTree(out.get(i));
        }
    }

    static Run batch(byte[] input) throws IOException {
        return batch(new ByteArrayInputStream(input));
    }

    static Run batch(InputStream input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BatchRunner(engine, new PrintStream(err, true, StandardCharsets.UTF_8), 2).run(input, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "every output record ends with a line break");
        return new Run(status, text.isEmpty() ? List.of() : List.of(text.split("\n")), err.toString(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBareCarriageReturnInsideARecordIsWhitespaceNotALineBreak() throws IOException {
        String withCr = A.replace(", \"hosting\"", ",\r\"hosting\"");
        Run run = batch(utf8(withCr + "\n" + B + "\n" + C + "\n"));
        assertEquals(3, run.out().size(), "3 lines in, 3 out: " + run.out());
        assertEquals(BatchRunnerTest.expected(A, 1), run.out().get(0), "the CR is JSON whitespace");
        assertEquals(BatchRunnerTest.expected(B, 2), run.out().get(1));
        assertEquals(BatchRunnerTest.expected(C, 3), run.out().get(2));
        assertEquals(AipolicyCli.OK, run.status(), run.err());
    }

    @Test
    void crlfEndingsBlankLinesAndALastLineWithoutLineBreak() throws IOException {
        Run run = batch(utf8(A + "\r\n\r\n" + B + "\r\n   \r\n\n" + C));
        assertEquals(List.of(BatchRunnerTest.expected(A, 1), BatchRunnerTest.expected(B, 3),
                BatchRunnerTest.expected(C, 6)), run.out());
        assertEquals(AipolicyCli.OK, run.status());
        assertTrue(run.err().strip().endsWith("3 lines: 1 ALLOW, 1 ESCALATE, 1 DENY, 0 errors, 3 blank lines skipped"),
                run.err());
    }

    @Test
    void aByteOrderMarkAtTheStartIsDropped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] line = utf8(A + "\n");
        byte[] input = new byte[bom.length + line.length];
        System.arraycopy(bom, 0, input, 0, 3);
        System.arraycopy(line, 0, input, 3, line.length);
        assertEquals(List.of(BatchRunnerTest.expected(A, 1)), batch(input).out());
    }

    /** 40,000 lines, one with a byte that is not UTF-8 in the middle, from a file and from standard input. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBadUtf8ByteSpoilsItsOwnLineOnlyFromAFileAndFromStandardInput(@TempDir Path dir) throws IOException {
        int lines = 40_000;
        int bad = 20_001;
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        String[] usages = {A, B, C};
        for (int i = 1; i <= lines; i++) {
            if (i == bad) {
                // "Caf\xE9": Latin-1, not UTF-8, inside the tool name
                input.write(utf8(B.replace("Llama", "Caf")), 0, B.indexOf("Llama") + 3);
                input.write(0xE9);
                byte[] rest = utf8(B.substring(B.indexOf("Llama") + 5) + "\n");
                input.write(rest, 0, rest.length);
            } else {
                input.write(utf8(usages[i % 3] + "\n"), 0, utf8(usages[i % 3] + "\n").length);
            }
        }
        Path file = dir.resolve("inventory.jsonl");
        Files.write(file, input.toByteArray());
        // CSV answers: a few dozen bytes each, so that 2 × 40,000 of them fit in the test's small heap
        CliTestSupport.Run fromFile = CliTestSupport.run("", "evaluate", "--batch", file.toString(), "--output", "csv");
        CliTestSupport.Run fromStdin = CliTestSupport.run(input.toByteArray(), "evaluate", "--batch", "-", "--output", "csv");
        assertEquals(fromFile.out(), fromStdin.out(), "the same answers from a file and from standard input");
        assertEquals(fromFile.err(), fromStdin.err());
        String[] out = fromFile.out().split("\n");
        assertEquals(String.join(",", OutputFormat.CSV_COLUMNS), out[0]);
        assertEquals(lines + 1, out.length);
        String[] verdicts = {"DENY", "ALLOW", "ESCALATE"}; // A, B, C by line number modulo 3
        for (int i = 1; i <= lines; i++) {
            String expected = i == bad ? "," + i + ",,,,,,,,invalid usage: (request): not UTF-8: byte "
                    + (B.indexOf("Llama") + 4) + " of the line (0xE9)" : "," + i + "," + verdicts[i % 3] + ",";
            assertTrue(out[i].startsWith(expected), "line " + i + ": " + out[i]);
        }
        assertEquals(AipolicyCli.BAD_INPUT, fromFile.status());
        assertTrue(fromFile.err().contains(lines + " lines: ") && fromFile.err().contains(", 1 errors"), fromFile.err());
    }

    /** A 400 MB line, more than the test's whole heap (256 MB), between two good lines. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLineOverTheLimitIsSkippedWithoutBeingHeld() throws IOException {
        long huge = 400L << 20;
        assertTrue(Runtime.getRuntime().maxMemory() < huge, "the line must not fit in the heap");
        byte[] head = utf8(A + "\n{\"tool\": {\"name\": \"");
        byte[] tail = utf8("\"}}\n" + C + "\n");
        InputStream input = new InputStream() {
            private long at;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                long total = head.length + huge + tail.length;
                if (at >= total) {
                    return -1;
                }
                int n = (int) Math.min(length, total - at);
                for (int i = 0; i < n; i++, at++) {
                    buffer[offset + i] = at < head.length ? head[(int) at]
                            : at < head.length + huge ? (byte) 'x' : tail[(int) (at - head.length - huge)];
                }
                return n;
            }
        };
        Run run = batch(input);
        assertEquals(3, run.out().size(), run.out().toString().substring(0, 200));
        assertEquals(BatchRunnerTest.expected(A, 1), run.out().get(0));
        JsonNode error = run.json(1);
        assertEquals(2, error.get("line").asInt());
        assertEquals("(request)", error.get("field").asText());
        assertTrue(error.get("message").asText().contains("too large"), error.toString());
        assertEquals(BatchRunnerTest.expected(C, 3), run.out().get(2));
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
    }

    @Test
    void aLineOverTheCharacterLimitButUnderTheByteCapIsRefusedToo() throws IOException {
        String longName = "x".repeat(LineFramer.MAX_REQUEST_CHARS);
        Run run = batch(utf8(A.replace("ChatGPT", longName) + "\n" + B + "\n"));
        assertEquals(2, run.out().size());
        assertTrue(run.json(0).get("message").asText().contains("too large"), run.out().get(0));
        assertEquals(BatchRunnerTest.expected(B, 2), run.out().get(1));
    }

    @Test
    void theLimitIsTheCoresRequestLimit() throws Exception {
        Class<?> reader = Class.forName("fr.inserm.aipolicy.json.UsageReader");
        Field limit = reader.getDeclaredField("MAX_REQUEST_CHARS");
        limit.setAccessible(true);
        assertEquals(limit.getInt(null), LineFramer.MAX_REQUEST_CHARS);
    }

    @Test
    void inventoryEntriesCarryTheirIdAndRefuseUnknownFields() throws IOException {
        String entry = "{\"id\": \"INV-7\", \"declaredBy\": \"Unit 3\", \"synthetic\": false, \"usage\": " + B + "}";
        String misspelt = "{\"id\": \"INV-8\", \"declaredby\": \"Unit 3\", \"usage\": " + B + "}";
        String badUsage = "{\"id\": \"INV-9\", \"usage\": " + B.replace("LOCAL", "CLOUD") + "}";
        Run run = batch(utf8(entry + "\n" + misspelt + "\n" + badUsage + "\n" + A + "\n"));
        assertEquals(4, run.out().size());
        JsonNode decided = run.json(0);
        assertEquals(1, decided.get("line").asInt());
        assertEquals("INV-7", decided.get("id").asText());
        assertEquals("ALLOW", decided.get("verdict").asText());
        assertEquals(PolicyJson.write(engine.evaluate(PolicyJson.readUsage(B))).substring(1),
                run.out().get(0).substring(run.out().get(0).indexOf("\"verdict\"")), "the same decision as bare");
        JsonNode unknown = run.json(1);
        assertEquals("INV-8", unknown.get("id").asText());
        assertEquals("declaredby", unknown.get("field").asText());
        assertTrue(unknown.get("message").asText().contains("accepted: id, declaredBy, synthetic, usage"), unknown.toString());
        JsonNode hosting = run.json(2);
        assertEquals("INV-9", hosting.get("id").asText());
        assertEquals("usage.hosting", hosting.get("field").asText());
        assertTrue(hosting.get("message").asText().contains("\"CLOUD\" is not an accepted value"), hosting.toString());
        assertFalse(run.json(3).has("id"), "a bare usage has no id");
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
    }

    @Test
    void theNotebooksInventoryIsReadWithItsIds() throws IOException {
        Path inventory = Path.of("..", "policy-notebooks", "notebooks", "data", "synthetic-inventory.jsonl");
        List<String> in = Files.readAllLines(inventory).subList(0, 200);
        Run run = batch(utf8(String.join("\n", in) + "\n"));
        assertEquals(in.size(), run.out().size());
        for (int i = 0; i < in.size(); i++) {
            assertEquals(JSON.readTree(in.get(i)).get("id").asText(), run.json(i).get("id").asText());
            assertEquals(i + 1, run.json(i).get("line").asInt());
        }
    }

    @Test
    void skipLeavesOutTheFirstLines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new BatchRunner(engine, new PrintStream(OutputStream.nullOutputStream()), 2).run(
                new LineFramer(new ByteArrayInputStream(utf8(A + "\n" + B + "\n\n" + C + "\n"))), out,
                new BatchRunner.Options(new OutputFormat.Json(), 2, true, java.util.EnumSet.noneOf(fr.inserm.aipolicy.decision.Verdict.class)));
        assertEquals(AipolicyCli.OK, status);
        assertEquals(BatchRunnerTest.expected(C, 4) + "\n", out.toString(StandardCharsets.UTF_8));
    }
}
