package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void everyReadableLineIsAUsagePolicy2AndItsToolCatalogueAccept() {
        PolicyEngine engine = PolicyEngine.builder().build();
        List<String> lines = SyntheticInventory.lines(SyntheticInventory.DEFAULT_SEED, SyntheticInventory.DEFAULT_COUNT);
        List<InventoryEntry> plain = InventoryAudit.parse(lines);
        List<InventoryEntry> checked = InventoryAudit.parse(lines, engine.tools());
        int unreadable = 0;
        int consuming = 0;
        int producing = 0;
        int notGenerative = 0;
        for (int i = 0; i < lines.size(); i++) {
            InventoryEntry entry = plain.get(i);
            assertEquals(entry.readable(), checked.get(i).readable(),
                    "line " + (i + 1) + ": read alone " + entry.error() + ", with the catalogue " + checked.get(i).error());
            if (!entry.readable()) {
                unreadable++;
                continue;
            }
            Usage usage = entry.usage();
            engine.tools().check(usage); // throws for a look-alike name or a contradicted hosting or flag
            assertEquals(usage.hosting(), checked.get(i).usage().hosting(), "line " + (i + 1));
            if (usage.purpose().consumesData()) {
                consuming++;
                assertFalse(usage.dataCategories().isEmpty(), "line " + (i + 1));
            }
            if (usage.purpose().producesContent()) {
                producing++;
                assertTrue(usage.tool().generative(), "line " + (i + 1));
            }
            if (!usage.tool().generative()) {
                notGenerative++;
            }
        }
        assertTrue(unreadable > 0 && unreadable < 20, "a small deliberate share of unreadable lines: " + unreadable);
        assertTrue(consuming > 500 && producing > 20 && notGenerative > 50,
                "the inventory exercises what 2.0 checks: " + consuming + ", " + producing + ", " + notGenerative);
        assertTrue(plain.stream().anyMatch(e -> e.readable() && e.usage().dataCategories().isEmpty()),
                "uses with no data remain, for the purposes that may have none");
        assertTrue(plain.stream().anyMatch(e -> e.readable() && e.usage().dataCategories().contains(DataCategory.UNKNOWN)
                && e.usage().purpose() == Purpose.SUMMARISATION));

        InventoryAudit audit = InventoryAudit.run(engine, checked);
        assertEquals(unreadable, audit.unreadable().size(), "the engine refuses no line the reader accepted");
    }
}
