package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inventory kept as a spreadsheet: CSV, read by Jackson's CSV module, with a header row naming
 * the columns by the usage's field paths ({@link #columns()}). Each row becomes the same usage JSON
 * the JSON Lines path reads, so every check and message is the core's and names the column.
 *
 * <p>An empty cell means "not stated". {@code dataCategories} holds categories separated by
 * {@code ;}; {@code ;} alone is the empty list (nothing beyond the request), which an empty cell,
 * "not stated", cannot say: that is refused as an absent field is, with {@link #EMPTY_DATA_CELL}.
 * A boolean cell is {@code true} or {@code false} (any case, as spreadsheets write {@code TRUE}); a
 * number cell a decimal number; anything else is an error naming the column and the line. The
 * context columns come from the core's {@link Context} record, so a field the core adds is a column
 * without an edit here. A row's {@code line} is the line of the file where it
 * starts (the header is line 1). A byte that is not UTF-8 makes its own row an error.
 */
final class CsvInventory implements RecordSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Added to the refusal of an empty {@code dataCategories} cell: a spreadsheet cannot write JSON's []. */
    static final String EMPTY_DATA_CELL = " (an empty cell is not stated; write ; alone when nothing beyond the"
            + " request goes into the tool)";

    private static final List<String> REQUIRED = List.of("tool.name", "hosting", "dataCategories", "purpose");

    private final MappingIterator<String[]> rows;
    private final List<String> header;
    private long blank;

    /**
     * Reads the header row.
     *
     * @throws InvalidUsageException naming the column, when the header has an unknown, repeated or
     *     missing column
     */
    CsvInventory(InputStream in) throws IOException {
        // a bad byte becomes U+FFFD, and the row holding it is refused (see next())
        Reader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1);
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') { // a byte-order mark, written by spreadsheets, is not a column
            ((PushbackReader) reader).unread(first);
        }
        // a cell longer than a whole request is refused by the parser rather than held
        CsvMapper mapper = new CsvMapper(CsvFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(LineFramer.MAX_REQUEST_CHARS).build()).build());
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        rows = mapper.readerFor(String[].class).readValues(reader);
        if (!rows.hasNext()) {
            throw new InvalidUsageException("(header)", "the file is empty: the first row must name the columns",
                    columns());
        }
        List<String> names = new ArrayList<>();
        for (String cell : rows.next()) {
            names.add(cell.strip());
        }
        List<String> accepted = columns();
        for (String name : names) {
            if (!accepted.contains(name)) {
                throw new InvalidUsageException(name.isEmpty() ? "(an empty column name)" : name, "unknown column",
                        accepted);
            }
            if (Collections.frequency(names, name) > 1) {
                throw new InvalidUsageException(name, "column appears twice", List.of());
            }
        }
        for (String required : REQUIRED) {
            if (!names.contains(required)) {
                throw new InvalidUsageException(required, "required column missing from the header", accepted);
            }
        }
        header = List.copyOf(names);
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
            long line = rows.getCurrentLocation().getLineNr();
            String[] cells;
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                line = rows.getCurrentLocation().getLineNr();
                cells = rows.next();
            } catch (RuntimeException e) {
                // a broken quote or an over-long cell leaves the rest of the file unframed: stop, naming where
                throw new IOException("the CSV cannot be read from line " + line + " on: " + plain(e), e);
            }
            if (isBlank(cells)) {
                blank++;
                continue;
            }
            int idAt = header.indexOf("id");
            if (cells.length != header.size() || idAt >= 0 && cells[idAt].indexOf('\uFFFD') >= 0) {
                return convert(line, cells); // refused, with its reason
            }
            return InputRecord.ofRow(line, idAt >= 0 && !cells[idAt].isBlank() ? cells[idAt].strip() : null,
                    new Row(cells, idAt));
        }
    }

    /** Converts a row on the worker that decides it. */
    @Override
    public InputRecord ready(InputRecord record) {
        return record.row() == null ? record : convert(record.line(), record.row().cells);
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
        int idAt = header.indexOf("id");
        if (idAt >= 0 && idAt < cells.length && !cells[idAt].isBlank()) {
            id = cells[idAt].strip();
        }
        if (cells.length != header.size()) {
            return InputRecord.unreadable(line, id, "(row)", "has " + cells.length + " cells, the header names "
                    + header.size() + " columns");
        }
        ObjectNode usage = JSON.createObjectNode();
        usage.putObject("tool"); // so that an empty tool.name cell is reported as tool.name
        try {
            for (int i = 0; i < cells.length; i++) {
                String column = header.get(i);
                String cell = cells[i].strip();
                if (cell.indexOf('\uFFFD') >= 0) {
                    throw new InvalidUsageException(column, "not UTF-8 (or holds U+FFFD): save the file as UTF-8",
                            List.of());
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

    private static void put(ObjectNode usage, String column, String cell) {
        switch (column) {
            case "tool.name" -> usage.withObjectProperty("tool").put("name", cell);
            case "tool.generative" -> usage.withObjectProperty("tool").put("generative", bool(column, cell));
            case "tool.parametersBillions" -> usage.withObjectProperty("tool").put("parametersBillions", number(column, cell));
            case "hosting", "purpose" -> usage.put(column, cell);
            case "dataCategories" -> {
                var array = usage.putArray("dataCategories");
                for (String category : cell.split(";")) {
                    if (!category.isBlank()) {
                        array.add(category.strip());
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
                } else {
                    context.put(field, cell); // an enumeration or a text: the core checks the value
                }
            }
        }
    }

    private static boolean bool(String column, String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidUsageException(column, "\"" + shorten(cell) + "\" is not true or false"
                    + " (leave the cell empty for \"not stated\")", List.of("true", "false"));
        };
    }

    private static BigDecimal number(String column, String cell) {
        try {
            if (cell.length() > 32) {
                throw new NumberFormatException();
            }
            return new BigDecimal(cell);
        } catch (NumberFormatException e) {
            throw new InvalidUsageException(column, "\"" + shorten(cell) + "\" is not a number (write it like 0.11 or 70)",
                    List.of());
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

    private static String plain(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return "a cell is longer than " + LineFramer.MAX_REQUEST_CHARS + " characters";
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
