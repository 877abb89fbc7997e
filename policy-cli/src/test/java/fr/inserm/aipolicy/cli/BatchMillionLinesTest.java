package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code evaluate --batch} on a million lines streams: the input is generated as it is read and the
 * output counted as it is written (about 1.5 GB in all), in a test JVM limited to 256 MB of heap
 * (the surefire argLine of this module), so a batch that held its lines would run out of memory.
 * Every line is answered, in order: every 1,000th line is bad, and its error names that line.
 */
@Tag("slow") // left out by -Pquick: a rule change in progress runs the rest in a third of the time
class BatchMillionLinesTest {
    static final int LINES = 1_000_000;
    static final String[] USAGES = {
        "{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\": [\"UNPUBLISHED_RESEARCH\"], \"purpose\": \"WRITING\"}",
        "{\"tool\": {\"name\": \"Mistral API\"}, \"hosting\": \"EXTERNAL_SOVEREIGN\", \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"AUTOMATED_PROCESSING\"}",
        "{\"tool\": {\"name\": \"Llama3.2-1B via Ollama\", \"parametersBillions\": 1}, \"hosting\": \"LOCAL\", \"dataCategories\": [\"IDENTIFIABLE_HEALTH_DATA\"], \"purpose\": \"SUMMARISATION\"}"};
    static final String[] VERDICTS = {"\"verdict\":\"DENY\"", "\"verdict\":\"ESCALATE\"", "\"verdict\":\"ALLOW\""};

    static String line(long n) {
        return n % 1000 == 0 ? "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"MOON\"}" : USAGES[(int) (n % 3)];
    }

    /** Generates the input lazily, line n (from 1) being {@link #line(long)}. */
    static final class Lines extends InputStream {
        private long next = 1;
        private byte[] pending = new byte[0];
        private int at;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (at == pending.length) {
                if (next > LINES) {
                    return -1;
                }
                pending = (line(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            int n = Math.min(length, pending.length - at);
            System.arraycopy(pending, at, buffer, offset, n);
            at += n;
            return n;
        }
    }

    /** Checks each output line against the input line it answers, holding only the current line. */
    static final class Checker extends OutputStream {
        long lines;
        long bytes;
        long mismatches;
        String firstMismatch;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            bytes++;
            if (b != '\n') {
                current.write(b);
                return;
            }
            lines++;
            String text = current.toString(StandardCharsets.UTF_8);
            current.reset();
            String expected = "{\"line\":" + lines + "," + (lines % 1000 == 0
                    ? "\"error\":\"invalid usage\",\"field\":\"hosting\"" : VERDICTS[(int) (lines % 3)]);
            if (!text.startsWith(expected)) {
                mismatches++;
                if (firstMismatch == null) {
                    firstMismatch = "line " + lines + ": expected " + expected + "…, got " + text;
                }
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aMillionLinesInOrderInBoundedMemory() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().build();
        Checker checker = new Checker();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BatchRunner(engine, new PrintStream(err, true, StandardCharsets.UTF_8)).run(new Lines(), checker);
        assertEquals(LINES, checker.lines);
        assertEquals(0, checker.mismatches, checker.firstMismatch);
        assertEquals(AipolicyCli.BAD_INPUT, status, "the bad lines make the batch exit 2");
        String summary = err.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains(LINES + " lines") && summary.contains((LINES / 1000) + " errors"), summary);
        assertTrue(checker.bytes > 1_000_000_000L, "about 1.5 GB went through: " + checker.bytes);
        assertTrue(Runtime.getRuntime().maxMemory() <= 300L * 1024 * 1024,
                "the test must run with a small heap to prove streaming: " + Runtime.getRuntime().maxMemory());
    }
}
