package fr.inserm.aipolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure to write is a failure: the tool, run as its own process on the real standard output,
 * stops at once with a message and exit status 3 when the output is a full disk or a closed pipe.
 */
@EnabledOnOs(OS.LINUX)
class OutputFailureTest {
    @TempDir
    static Path dir;
    static Path inventory;

    @BeforeAll
    static void writeInventory() throws IOException {
        // enough answers to fill any pipe buffer many times over
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            lines.add(i % 2 == 0 ? BatchFramingTest.A : BatchFramingTest.B);
        }
        inventory = dir.resolve("inventory.jsonl");
        Files.write(inventory, lines);
    }

    /** The tool's main class in a child JVM, on this test's class path. */
    static ProcessBuilder tool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), AipolicyCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    static String stderr(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFullDiskStopsTheBatchWithExitThree() throws Exception {
        Process process = tool("evaluate", "--batch", inventory.toString())
                .redirectOutput(new File("/dev/full")).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the batch must stop, not decide on into a full disk");
        String err = stderr(process);
        assertEquals(AipolicyCli.OUTPUT_FAILURE, process.exitValue(), err);
        assertTrue(err.contains("aipolicy: cannot write the output: No space left on device; the batch stopped"), err);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFullDiskFailsASingleDecisionWithExitThree() throws Exception {
        Process process = tool("evaluate", Path.of("..", "examples", "draft-article-chatgpt.json").toString())
                .redirectOutput(new File("/dev/full")).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String err = stderr(process);
        assertEquals(AipolicyCli.OUTPUT_FAILURE, process.exitValue(), err);
        assertTrue(err.contains("cannot write the output"), err);
    }

    /** {@code aipolicy evaluate --batch big.jsonl | head -1}: the reader goes away after one line. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClosedPipeStopsTheBatchWithExitThree() throws Exception {
        Process process = tool("evaluate", "--batch", inventory.toString()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first.startsWith("{\"line\":1,\"verdict\":\"DENY\""), first);
        out.close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the batch must stop when nobody reads it");
        String err = stderr(process);
        assertEquals(AipolicyCli.OUTPUT_FAILURE, process.exitValue(), err);
        assertTrue(err.contains("aipolicy: cannot write the output: Broken pipe; the batch stopped"), err);
    }
}
