package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.Language;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inventory kept as a spreadsheet: CSV ({@link CsvRows}) with a header row naming the columns by
 * the usage's field paths ({@link #columns()}) or by their labels in English or French
 * ({@link SheetWords}). Each row becomes the same usage JSON the JSON Lines path reads, so every
 * check and message is the core's and names the column.
 *
 * <p>As spreadsheets write it, French Excel included: the separator is taken from the header line
 * ({@code ,}, {@code ;} or a tab); a byte-order mark and {@code \r\n} endings are accepted; a boolean
 * is {@code true}/{@code false}, {@code VRAI}/{@code FAUX} or {@code OUI}/{@code NON} in any case; a
 * number may have a decimal comma; an enumeration's code may be in any case. An empty cell means "not
 * stated". {@code dataCategories} holds categories separated by {@code ;} or {@code ,}; {@code ;} alone
 * is the empty list (nothing beyond the request), which an empty cell, "not stated", cannot say: that
 * is refused as an absent field is, with {@link #EMPTY_DATA_CELL}. The context columns come from the
 * core's {@link Context} record, so a field the core adds is a column without an edit here. A row's
 * {@code line} is the line of the file where it starts (the header is line 1). A byte that is not
 * UTF-8 makes its own row an error ("save the file as UTF-8"); a header that is not UTF-8 makes every
 * row one. The refusals are in the caller's language, French for a {@code ;} file when none is given.
 */
final class CsvInventory implements RecordSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Added to the refusal of an empty {@code dataCategories} cell: a spreadsheet cannot write JSON's []. */
    static final String EMPTY_DATA_CELL = " (an empty cell is not stated; write ; alone when nothing beyond the"
            + " request goes into the tool)";

    /** The columns a usage cannot do without ({@code hosting} can: the catalogue knows some tools' hosting). */
    private static final List<String> REQUIRED = List.of("tool.name", "dataCategories", "purpose");

    private final CsvRows rows;
    /** The columns' field paths, in the file's order. */
    private final List<String> header;
    /** The header's cells as the file wrote them. */
    private final List<String> headerCells;
    private final boolean byteOrderMark;
    private final boolean crlf;
    private final SheetWords words;
    /** The header was not UTF-8: the file is not, and every row is refused. */
    private final boolean notUtf8;
    private final int idAt;
    private long blank;

    /** Reads the header row; the refusals in English. */
    CsvInventory(InputStream in) throws IOException {
        this(in, null);
    }

    /**
     * Reads the header row.
     *
     * @param language the language of the refusals (English when null)
     * @throws InvalidUsageException naming the column, when the header has an unknown, repeated or
     *     missing column
     */
    CsvInventory(InputStream in, Language language) throws IOException {
        // a bad byte becomes U+FFFD, and the row holding it is refused (see convert); the decoder keeps a
        // character split across reads whole, so a pipe gives what the file gives
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        rows = new CsvRows(reader);
        byteOrderMark = rows.skipByteOrderMark(); // written by spreadsheets, not a column
        // French Excel writes ; between cells: its refusals are in French unless the caller said otherwise
        char separator = rows.detectSeparator();
        words = SheetWords.of(language != null ? language : separator == ';' ? Language.FR : Language.EN);
        CsvRows.Row first = rows.next();
        while (first != null && first.problem() == null && isBlank(first.cells())) {
            first = rows.next();
        }
        if (first == null) {
            throw new InvalidUsageException("(header)", words.word("header.empty"), List.of());
        }
        crlf = rows.crlf();
        if (first.problem() != null) {
            throw new InvalidUsageException("(header)", problem(first), List.of());
        }
        Map<String, String> names = SheetWords.names();
        List<String> paths = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        boolean badBytes = false;
        for (String cell : first.cells()) {
            String name = cell.strip();
            badBytes |= name.indexOf('\uFFFD') >= 0;
            String path = match(names, name);
            if (path == null) {
                String nearest = SheetWords.nearest(name, known());
                throw new InvalidUsageException(name.isEmpty() ? "(an empty column name)" : name,
                        words.word("header.unknown", name, nearest == null ? "" : words.word("header.nearest", nearest),
                                String.join(", ", columns()), String.join(", ", SheetWords.labels(Language.EN)),
                                String.join(", ", SheetWords.labels(Language.FR))), List.of());
            }
            int before = paths.indexOf(path);
            if (before >= 0) {
                throw new InvalidUsageException(name, words.word("header.twice", name, cells.get(before)), List.of());
            }
            paths.add(path);
            cells.add(name);
        }
        for (String required : REQUIRED) {
            if (!paths.contains(required)) {
                throw new InvalidUsageException(required, words.word("header.missing", required, words.label(required)),
                        List.of());
            }
        }
        header = List.copyOf(paths);
        headerCells = List.copyOf(cells);
        notUtf8 = badBytes;
        idAt = header.indexOf("id");
    }

    /** The path a header cell names, or null; a character that was not UTF-8 matches any character. */
    private static String match(Map<String, String> names, String cell) {
        String name = SheetWords.normalise(cell);
        String path = names.get(name);
        if (path != null || name.indexOf('\uFFFD') < 0) {
            return path;
        }
        for (Map.Entry<String, String> known : names.entrySet()) {
            String k = known.getKey();
            if (k.length() == name.length()) {
                boolean same = true;
                for (int i = 0; i < k.length() && same; i++) {
                    same = name.charAt(i) == '\uFFFD' || name.charAt(i) == k.charAt(i);
                }
                if (same) {
                    return known.getValue();
                }
            }
        }
        return null;
    }

    /** Every accepted header, as written: the paths and the labels in both languages. */
    private static List<String> known() {
        List<String> known = new ArrayList<>(columns());
        known.addAll(SheetWords.labels(Language.EN));
        known.addAll(SheetWords.labels(Language.FR));
        return known;
    }

    /** The header's cells as the file wrote them. */
    List<String> headerCells() {
        return headerCells;
    }

    /** A record's cell in a column (a field path), stripped, or null when empty or not a column. */
    String cell(InputRecord record, String path) {
        int at = header.indexOf(path);
        if (at < 0 || record.row() == null || at >= record.row().cells().length) {
            return null;
        }
        String cell = record.row().cells()[at].strip();
        return cell.isEmpty() ? null : cell;
    }

    /** The language of the refusals: the caller's, or French for a file separated by {@code ;}. */
    Language language() {
        return words.language();
    }

    /** The cells' separator the file uses. */
    char separator() {
        return rows.separator();
    }

    /** Whether the file began with a byte-order mark. */
    boolean byteOrderMark() {
        return byteOrderMark;
    }

    /** Whether the header line ended with {@code \r\n}. */
    boolean crlf() {
        return crlf;
    }

    /** The accepted columns, in order: the context's come from the core's {@link Context} record. */
    static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("id", "declaredBy", "tool.name", "tool.generative",
                "tool.parametersBillions", "hosting", "dataCategories", "purpose"));
        for (RecordComponent field : Context.class.getRecordComponents()) {
            columns.add("context." + field.getName());
        }
        return columns;
    }

    /** The Java type of each context column, from the {@link Context} record. */
    private static final Map<String, Class<?>> CONTEXT_TYPES = contextTypes();

    private static Map<String, Class<?>> contextTypes() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (RecordComponent field : Context.class.getRecordComponents()) {
            types.put(field.getName(), field.getType());
        }
        return types;
    }

    @Override
    public InputRecord next() throws IOException {
        while (true) {
            CsvRows.Row row = rows.next(); // a quote never closed ends the file: CsvRows.Damage
            if (row == null) {
                return null;
            }
            if (row.problem() != null) {
                // framed but not read (an over-long cell, text after a quote): this row only
                return InputRecord.unreadable(row.line(), null, "(row)", problem(row));
            }
            String[] cells = row.cells();
            if (isBlank(cells)) {
                blank++;
                continue;
            }
            Row kept = new Row(cells, idAt);
            if (cells.length != header.size() || notUtf8 || idAt >= 0 && cells[idAt].indexOf('\uFFFD') >= 0) {
                InputRecord refused = convert(row.line(), cells); // refused, with its reason
                return new InputRecord(refused.line(), null, null, refused.id(), refused.field(), refused.problem(), kept);
            }
            return InputRecord.ofRow(row.line(), idAt >= 0 && !cells[idAt].isBlank() ? cells[idAt].strip() : null, kept);
        }
    }

    /** A framed row's problem, in words. */
    private String problem(CsvRows.Row row) {
        return CsvRows.TOO_LONG.equals(row.problem()) ? words.word("row.tooLong", row.column(), CsvRows.MAX_CELL)
                : words.word("row.afterQuote", row.column());
    }

    /** Converts a row on the worker that decides it. */
    @Override
    public InputRecord ready(InputRecord record) {
        return record.row() == null || record.problem() != null ? record : convert(record.line(), record.row().cells);
    }

    /**
     * A row's cells, equal to another row's when every cell but the id is: two such rows convert to the
     * same usage (the id is the record's own, and the reader refuses a row whose id is not UTF-8 before
     * it becomes a Row). A worker remembers what it decided for a row by this, so a profile that an
     * inventory repeats is converted and decided once per worker.
     */
    static final class Row {
        private final String[] cells;
        private final int idAt;
        private int hash;

        Row(String[] cells, int idAt) {
            this.cells = cells;
            this.idAt = idAt;
        }

        /** The row's cells as the file holds them. */
        String[] cells() {
            return cells;
        }

        int size() {
            int size = 16 * cells.length;
            for (String cell : cells) {
                size += 2 * cell.length();
            }
            return size;
        }

        @Override
        public int hashCode() {
            int h = hash;
            if (h == 0) {
                for (int i = 0; i < cells.length; i++) {
                    h = 31 * h + (i == idAt ? 0 : cells[i].hashCode());
                }
                hash = h;
            }
            return h;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Row row) || row.cells.length != cells.length || row.idAt != idAt) {
                return false;
            }
            for (int i = 0; i < cells.length; i++) {
                if (i != idAt && !cells[i].equals(row.cells[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public long blankLines() {
        return blank;
    }

    /** A row as a usage JSON text, or why it cannot be one. */
    InputRecord convert(long line, String[] cells) {
        String id = null;
        if (idAt >= 0 && idAt < cells.length && !cells[idAt].isBlank()) {
            id = cells[idAt].strip();
        }
        if (cells.length != header.size()) {
            return InputRecord.unreadable(line, id, "(row)", words.word("row.cells", cells.length, header.size()));
        }
        ObjectNode usage = JSON.createObjectNode();
        usage.putObject("tool"); // so that an empty tool.name cell is reported as tool.name
        try {
            for (int i = 0; i < cells.length; i++) {
                String column = header.get(i);
                String cell = cells[i].strip();
                if (cell.indexOf('\uFFFD') >= 0 || notUtf8) {
                    throw new InvalidUsageException(notUtf8 ? "(row)" : column, words.word("row.notUtf8"), List.of());
                }
                if (cell.isEmpty() || column.equals("id") || column.equals("declaredBy")) {
                    continue; // not stated; the id is the record's, declaredBy is not decided on
                }
                put(usage, column, cell);
            }
            return InputRecord.ofJson(line, id, JSON.writeValueAsString(usage));
        } catch (InvalidUsageException e) {
            return InputRecord.unreadable(line, id, e.field(), e.problem() + (e.acceptedValues().isEmpty() ? ""
                    : "; accepted: " + String.join(", ", e.acceptedValues())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(ObjectNode usage, String column, String cell) {
        switch (column) {
            case "tool.name" -> usage.withObjectProperty("tool").put("name", cell);
            case "tool.generative" -> usage.withObjectProperty("tool").put("generative", bool(column, cell));
            case "tool.parametersBillions" -> usage.withObjectProperty("tool").put("parametersBillions", number(column, cell));
            case "hosting", "purpose" -> usage.put(column, code(cell));
            case "dataCategories" -> {
                var array = usage.putArray("dataCategories");
                for (String category : cell.split("[;,]")) {
                    if (!category.isBlank()) {
                        array.add(code(category));
                    }
                }
            }
            default -> {
                String field = column.substring("context.".length());
                Class<?> type = CONTEXT_TYPES.get(field);
                ObjectNode context = usage.withObjectProperty("context");
                if (type == Boolean.class || type == boolean.class) {
                    context.put(field, bool(column, cell));
                } else if (Number.class.isAssignableFrom(type)) {
                    context.put(field, number(column, cell));
                } else if (type.isEnum()) {
                    context.put(field, code(cell)); // the core checks the value
                } else {
                    context.put(field, cell);
                }
            }
        }
    }

    /** An enumeration's code as the core spells it: {@code external_sovereign} is {@code EXTERNAL_SOVEREIGN}. */
    private static String code(String cell) {
        return cell.strip().toUpperCase(Locale.ROOT);
    }

    private boolean bool(String column, String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "true", "vrai", "oui" -> true;
            case "false", "faux", "non" -> false;
            default -> throw new InvalidUsageException(column, words.word("cell.boolean", shorten(cell)), List.of());
        };
    }

    private BigDecimal number(String column, String cell) {
        try {
            if (cell.length() > 32) {
                throw new NumberFormatException();
            }
            // a decimal comma, as French spreadsheets write it (a thousands separator is not accepted)
            return new BigDecimal(cell.indexOf(',') >= 0 && cell.indexOf('.') < 0 && cell.indexOf(',') == cell.lastIndexOf(',')
                    ? cell.replace(',', '.') : cell);
        } catch (NumberFormatException e) {
            throw new InvalidUsageException(column, words.word("cell.number", shorten(cell)), List.of());
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static boolean isBlank(String[] cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
