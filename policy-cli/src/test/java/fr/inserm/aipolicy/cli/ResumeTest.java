package fr.inserm.aipolicy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume OUTPUT} after a killed run: whatever the output holds (cut mid-record, at a record
 * boundary, empty, only the CSV header), the resumed run leaves exactly the output of an
 * uninterrupted run.
 */
class ResumeTest {

    /** An inventory with decisions, errors and blank lines, seeded. */
    static Path inventory(Path dir, long seed) throws IOException {
        Random random = new Random(seed);
        String[] kinds = {BatchFramingTest.A, BatchFramingTest.B, BatchFramingTest.C, "{\"tool\": {}}", ""};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            String line = kinds[random.nextInt(kinds.length)];
            lines.add(random.nextInt(10) == 0 ? "{\"id\": \"R" + i + "\", \"usage\": " + BatchFramingTest.B + "}" : line);
        }
        Path file = dir.resolve("inventory-" + seed + ".jsonl");
        Files.write(file, lines);
        return file;
    }

    static byte[] uninterrupted(Path dir, Path input, String format) throws IOException {
        Path out = dir.resolve("full." + format);
        Files.deleteIfExists(out);
        CliTestSupport.Run run = CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--output", format,
                "--resume", out.toString());
        assertEquals(AipolicyCli.BAD_INPUT, run.status(), "the inventory holds bad lines: " + run.err());
        byte[] resumed = Files.readAllBytes(out);
        CliTestSupport.Run plain = CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--output", format);
        assertEquals(plain.out(), new String(resumed, StandardCharsets.UTF_8), "--resume on a new file is a plain run");
        return resumed;
    }

    void resumeAfterCut(Path dir, String format, long seed) throws IOException {
        Path input = inventory(dir, seed);
        byte[] full = uninterrupted(dir, input, format);
        Random random = new Random(seed);
        List<Integer> cuts = new ArrayList<>(List.of(0, 1, full.length - 1, full.length));
        int firstBreak = indexOf(full, 0);
        cuts.add(firstBreak);
        cuts.add(firstBreak + 1);
        for (int i = 0; i < 6; i++) {
            cuts.add(random.nextInt(full.length));
        }
        for (int cut : cuts) {
            Path partial = dir.resolve("partial-" + cut + "." + format);
            Files.write(partial, Arrays.copyOf(full, cut)); // a run killed after writing `cut` bytes
            CliTestSupport.Run run = CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--output", format,
                    "--resume", partial.toString());
            assertTrue(run.status() == AipolicyCli.BAD_INPUT || run.status() == AipolicyCli.OK, run.err());
            assertArrayEquals(full, Files.readAllBytes(partial), format + ", cut at byte " + cut + " of " + full.length
                    + ": " + run.err());
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void jsonResumedAfterAKillIsTheUninterruptedOutput(@TempDir Path dir) throws IOException {
        resumeAfterCut(dir, "json", 11);
    }

    @Test
    void csvResumedAfterAKillIsTheUninterruptedOutput(@TempDir Path dir) throws IOException {
        resumeAfterCut(dir, "csv", 12);
    }

    @Test
    void anOutputThatIsNotOursIsLeftAlone(@TempDir Path dir) throws IOException {
        Path input = inventory(dir, 13);
        Path other = dir.resolve("notes.txt");
        Files.writeString(other, "my notes\nnot an answer\n");
        CliTestSupport.Run run = CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--resume", other.toString());
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        assertTrue(run.err().contains("cannot resume") && run.err().contains("names no input line"), run.err());
        assertEquals("my notes\nnot an answer\n", Files.readString(other));
        assertEquals(AipolicyCli.BAD_INPUT, CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--output",
                "text", "--resume", other.toString()).status());
        assertEquals(AipolicyCli.BAD_INPUT, CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--skip",
                "3", "--resume", other.toString()).status());
    }
}
