package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyEvaluationException;
import fr.inserm.aipolicy.cli.CliTestSupport.FileRun;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.testing.ForwardingPolicyEngine;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch pipeline keeps the contract of {@code evaluate --batch}: one output line per input line,
 * in input order, across many chunks and workers; an error object with the line number for a bad
 * line, and the batch goes on; the summary on standard error; exit status 2 when any line was bad.
 */
class BatchRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTINGS = {"LOCAL", "INTERNAL", "EXTERNAL_SOVEREIGN", "EXTERNAL"};
    private static final String[] PURPOSES = {"WRITING", "CODE_GENERATION", "MODEL_TRAINING", "AUTOMATED_PROCESSING",
        "DATA_ANALYSIS", "HR_ADMINISTRATION"};
    private static final String[] CATEGORIES = {"PUBLIC", "UNKNOWN", "IDENTIFIABLE_HEALTH_DATA", "SYNTHETIC_DATA"};
    private static PolicyEngine engine;

    @BeforeAll
    static void build() {
        engine();
    }

    /** The engine, built on first use: other test classes, in their own JVM, use {@link #expected}. */
    static synchronized PolicyEngine engine() {
        if (engine == null) {
            engine = PolicyEngine.builder().build();
        }
        return engine;
    }

    /** A valid usage line, varied so that neighbouring lines get different decisions. */
    private static String usageLine(Random random) {
        return "{\"tool\": {\"name\": \"tool " + random.nextInt(50) + "\", \"parametersBillions\": "
                + (random.nextInt(40) + 1) + "}, \"hosting\": \"" + HOSTINGS[random.nextInt(HOSTINGS.length)]
                + "\", \"dataCategories\": [\"" + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\"], \"purpose\": \""
                + PURPOSES[random.nextInt(PURPOSES.length)] + "\", \"context\": {\"userTrained\": " + random.nextBoolean()
                + "}}";
    }

    /** What one line should give, decided alone. */
    static String expected(String line, long number) {
        try {
            return "{\"line\":" + number + "," + PolicyJson.write(engine().evaluate(PolicyJson.readUsage(line))).substring(1);
        } catch (InvalidUsageException e) {
            return new OutputFormat.Json().refused(number, null, "invalid usage", e.field(), e.getMessage());
        }
    }

    /** Where each test's batch writes its answers. */
    @TempDir
    Path dir;

    /**
     * Runs a batch, its answers to a file read one line at a time: several thousand decisions with their
     * clause texts are tens of megabytes, which as one string, then split, outgrew the small heap these
     * tests run in (a test's memory, not the batch's).
     */
    private FileRun run(PolicyEngine which, String input, int workers) throws IOException {
        Path output = Files.createTempFile(dir, "answers", ".jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (OutputStream out = new FileOutputStream(output.toFile())) {
            status = new BatchRunner(which, new PrintStream(err, true, StandardCharsets.UTF_8), workers)
                    .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        }
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            if (file.length() > 0) {
                file.seek(file.length() - 1);
                assertEquals('\n', file.read(), "every output line ends with a newline");
            }
        }
        return new FileRun(status, output, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void manyChunksComeOutInInputOrderWithTheSummary() throws IOException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int count = BatchRunner.CHUNK * 7 + 13;
        List<String> in = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            in.add(usageLine(random));
        }
        FileRun run = run(engine, String.join("\n", in) + "\n", 3);
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        int lines = 0;
        try (BufferedReader out = run.lines()) {
            for (String line = out.readLine(); line != null; line = out.readLine(), lines++) {
                assertTrue(lines < count, "seed " + seed + ": more output lines than input lines");
                assertEquals(expected(in.get(lines), lines + 1), line, "seed " + seed + ", line " + (lines + 1));
                verdicts.merge(engine.evaluate(PolicyJson.readUsage(in.get(lines))).verdict(), 1, Integer::sum);
            }
        }
        assertEquals(count, lines, "seed " + seed);
        assertEquals(AipolicyCli.OK, run.status());
        assertEquals("aipolicy: " + count + " lines: " + verdicts.getOrDefault(Verdict.ALLOW, 0) + " ALLOW, "
                + verdicts.getOrDefault(Verdict.ESCALATE, 0) + " ESCALATE, " + verdicts.getOrDefault(Verdict.DENY, 0)
                + " DENY, 0 errors, 0 blank lines skipped", run.err().strip());
    }

    @Test
    void badLinesGiveErrorObjectsWithTheirLineNumbersBlankLinesAreSkippedAndTheBatchGoesOn() throws IOException {
        Random random = new Random(7);
        List<String> in = new ArrayList<>();
        for (int i = 0; i < BatchRunner.CHUNK * 2 + 5; i++) {
            in.add(usageLine(random));
        }
        in.set(1, in.get(1).replace("\"hosting\": \"", "\"hosting\": \"ON_THE_MOON_"));
        in.set(BatchRunner.CHUNK, "");
        in.set(BatchRunner.CHUNK + 1, "{not json");
        in.set(BatchRunner.CHUNK + 3, " \t ");
        in.set(in.size() - 1, "[]");
        FileRun run = run(engine, String.join("\n", in), 2);
        List<String> answers = run.allLines();
        List<Integer> blank = List.of(BatchRunner.CHUNK + 1, BatchRunner.CHUNK + 4);
        assertEquals(in.size() - blank.size(), answers.size(), "one output line per non-blank input line, the last"
                + " one without a newline too");
        List<Integer> bad = List.of(2, BatchRunner.CHUNK + 2, in.size());
        int out = 0;
        for (int i = 0; i < in.size(); i++) {
            if (blank.contains(i + 1)) {
                continue;
            }
            String answer = answers.get(out++);
            JsonNode node = JSON.readTree(answer);
            assertEquals(i + 1, node.get("line").asInt(), answer);
            assertEquals(expected(in.get(i), i + 1), answer);
            assertEquals(bad.contains(i + 1), node.has("error"), answer);
            if (bad.contains(i + 1)) {
                assertEquals("invalid usage", node.get("error").asText());
                assertTrue(node.hasNonNull("message"));
            }
        }
        assertEquals("hosting", JSON.readTree(answers.get(1)).get("field").asText());
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        assertTrue(run.err().strip().startsWith("aipolicy: " + (in.size() - 2) + " lines: "), run.err());
        assertTrue(run.err().strip().endsWith(", 3 errors, 2 blank lines skipped"), run.err());
    }

    @Test
    void anEmptyInputGivesNoLineAndAZeroSummary() throws IOException {
        FileRun run = run(engine, "", 2);
        assertEquals(List.of(), run.allLines());
        assertEquals(AipolicyCli.OK, run.status());
        assertEquals("aipolicy: 0 lines: 0 ALLOW, 0 ESCALATE, 0 DENY, 0 errors, 0 blank lines skipped", run.err().strip());
    }

    @Test
    void anEngineFailureIsAnInternalFailureLineAndTheBatchGoesOn() throws IOException {
        PolicyEngine failing = new FailingOnHrEngine(engine);
        String good = "{\"tool\": {\"name\": \"a\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"}";
        String hr = good.replace("WRITING", "HR_ADMINISTRATION");
        FileRun run = run(failing, good + "\n" + hr + "\n" + good + "\n", 2);
        List<String> answers = run.allLines();
        assertEquals(3, answers.size());
        JsonNode error = JSON.readTree(answers.get(1));
        assertEquals(2, error.get("line").asInt());
        assertEquals("internal failure", error.get("error").asText());
        assertFalse(error.has("field"));
        assertEquals(expected(good, 1), answers.get(0));
        assertEquals(expected(good, 3), answers.get(2));
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
    }

    @Test
    void aFailingReaderFailsTheBatch() {
        InputStream broken = new InputStream() {
            private int calls;

            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (calls++ > 0) {
                    throw new IOException("disk gone");
                }
                buffer[offset] = '{';
                buffer[offset + 1] = '}';
                buffer[offset + 2] = '\n';
                return 3;
            }
        };
        IOException e = assertThrows(IOException.class, () -> new BatchRunner(engine, new PrintStream(
                OutputStream.nullOutputStream()), 2).run(broken, OutputStream.nullOutputStream()));
        assertEquals("disk gone", e.getMessage());
    }

    /** The real engine, except that it fails on HR usages. */
    private static final class FailingOnHrEngine extends ForwardingPolicyEngine {
        FailingOnHrEngine(PolicyEngine delegate) {
            super(delegate);
        }

        @Override
        public Decision evaluate(Usage usage) {
            if (usage.purpose() == fr.inserm.aipolicy.usage.Purpose.HR_ADMINISTRATION) {
                throw new PolicyEvaluationException("test failure", null);
            }
            return super.evaluate(usage);
        }
    }
}
