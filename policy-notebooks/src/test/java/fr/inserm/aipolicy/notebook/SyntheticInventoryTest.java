package fr.inserm.aipolicy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticInventoryTest {

    /** The shipped file, relative to the module folder (Surefire's working directory). */
    private static final Path SHIPPED = Path.of("notebooks", "data", "synthetic-inventory.jsonl");

    @Test
    void sameSeedSameLinesOtherSeedOtherLines() {
        List<String> a = SyntheticInventory.lines(7, 400);
        List<String> b = SyntheticInventory.lines(7, 400);
        assertEquals(a, b);
        assertNotEquals(a, SyntheticInventory.lines(8, 400));
        assertEquals(a.subList(0, 100), SyntheticInventory.lines(7, 100), "a prefix does not depend on the count");
    }

    @Test
    void everyLineIsLabelledSyntheticAndAlmostAllAreReadable() {
        List<String> lines = SyntheticInventory.lines(SyntheticInventory.DEFAULT_SEED, 2000);
        List<InventoryEntry> entries = InventoryAudit.parse(lines);
        assertEquals(2000, entries.size());
        long unreadable = entries.stream().filter(e -> !e.readable()).count();
        for (int i = 0; i < entries.size(); i++) {
            InventoryEntry e = entries.get(i);
            assertTrue(e.synthetic(), "line " + (i + 1));
            assertEquals(String.format("SYN-%05d", i + 1), e.id());
            assertTrue(e.declaredBy().endsWith("(synthetic)"), e.declaredBy());
        }
        assertTrue(unreadable > 0 && unreadable < 20, "unreadable lines: " + unreadable);
    }

    @Test
    void theShippedFileIsTheGeneratorsOutput() throws Exception {
        List<String> shipped = Files.readAllLines(SHIPPED, StandardCharsets.UTF_8);
        assertEquals(SyntheticInventory.lines(SyntheticInventory.DEFAULT_SEED, SyntheticInventory.DEFAULT_COUNT), shipped,
                "regenerate " + SHIPPED + " with SyntheticInventory.main (see its Javadoc)");
    }

    @Test
    void mainWritesTheFileAndRejectsBadArguments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("inv.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SyntheticInventory.run(new String[] {"--seed", "3", "--count", "25", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals(SyntheticInventory.lines(3, 25), Files.readAllLines(file, StandardCharsets.UTF_8));
        assertEquals(2, SyntheticInventory.run(new String[] {"--count"}, new PrintStream(out), new PrintStream(err)));
        assertEquals(2, SyntheticInventory.run(new String[0], new PrintStream(out), new PrintStream(err)));
    }
}
