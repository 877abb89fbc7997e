package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spreadsheet inventory read as {@code aipolicy evaluate --batch FILE.csv} reads it, for other
 * programs (the notebooks' inventory audit): one code path for the separator, the byte-order mark,
 * the headers in field paths or French or English labels, {@code VRAI}/{@code FAUX}, decimal commas
 * and the refusals of cells and rows. Each row comes as the usage JSON the batch decides, or as why it
 * cannot be read; the caller reads the JSON with its tool catalogue, which supplies the hosting of a
 * tool it knows when the cell is empty.
 */
public final class SpreadsheetInventory {
    /**
     * One row.
     *
     * @param line the line of the file where the row starts (the header is line 1)
     * @param id the {@code id} cell, or null
     * @param declaredBy the {@code declaredBy} cell, or null
     * @param usageJson the usage as JSON, or null when the row cannot be read
     * @param field where the problem is (a column's field path, or {@code (row)}), or null
     * @param problem what is wrong, in the asked language, or null
     */
    public record Row(long line, String id, String declaredBy, String usageJson, String field, String problem) {
        /**
         * Tells whether the row was read into a usage.
         *
         * @return true when {@link #usageJson()} is present
         */
        public boolean readable() {
            return usageJson != null;
        }
    }

    private SpreadsheetInventory() {
    }

    /**
     * Reads a CSV inventory. A row the format still frames but that cannot be read is a row with its
     * problem; a quote never closed ends the reading with a last row naming where, every row before it
     * being returned.
     *
     * @param csv the file
     * @param language the language of the refusals, or null (English; French for a {@code ;} file)
     * @return one row per non-blank row of the file, in order
     * @throws IOException when the file cannot be read
     * @throws fr.inserm.aipolicy.usage.InvalidUsageException when the header cannot be read (an unknown,
     *     repeated or missing column), naming it
     */
    public static List<Row> read(Path csv, Language language) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(csv)) {
            CsvInventory inventory = new CsvInventory(in, language);
            try {
                for (InputRecord record = inventory.next(); record != null; record = inventory.next()) {
                    String declaredBy = inventory.cell(record, "declaredBy");
                    InputRecord read = inventory.ready(record);
                    rows.add(new Row(read.line(), read.id(), declaredBy, read.problem() == null ? read.json() : null,
                            read.field(), read.problem()));
                }
            } catch (CsvRows.Damage damage) {
                rows.add(new Row(damage.line, null, null, null, "(row)", SheetWords.of(inventory.language()).word(
                        "stop.damage", String.valueOf(damage.line), String.valueOf(damage.quoteLine),
                        String.valueOf(damage.quoteColumn), String.valueOf(damage.lastLine))));
            }
        }
        return rows;
    }
}
