package fr.inserm.aipolicy.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code aipolicy log stats FILE|DIR…}: counts the decision log's records by verdict, channel, rule,
 * clause, tool, purpose, data category and ISO week. A folder's files ({@code *.jsonl}) are read in the
 * order of their names, which is the order of their days. The records are scanned as bytes, one line
 * at a time, reading only the fields counted: no object per record, so a year of a busy server's log
 * is counted in seconds.
 */
final class LogStats {
    /** What is counted, in output order: the record's field and its titles in English and French. */
    enum Dimension {
        VERDICT("verdict", "Decisions by verdict", "Décisions par verdict"),
        CHANNEL("channel", "Decisions by channel", "Décisions par canal"),
        RULE("rules", "Decisions by rule that applied", "Décisions par règle appliquée"),
        CLAUSE("clauses", "Decisions by clause cited", "Décisions par clause citée"),
        TOOL("tool", "Decisions by tool", "Décisions par outil"),
        PURPOSE("purpose", "Decisions by purpose", "Décisions par finalité"),
        DATA_CATEGORY("dataCategories", "Decisions by data category", "Décisions par catégorie de données"),
        WEEK("week", "Decisions by week (ISO)", "Décisions par semaine (ISO)");

        final String field;
        final String english;
        final String french;

        Dimension(String field, String english, String french) {
            this.field = field;
            this.english = english;
            this.french = french;
        }
    }

    private final ByteCounts[] counts = new ByteCounts[Dimension.values().length];
    private long records;
    private long unreadable;
    private String firstUnreadable;
    private long firstUnreadableLine;
    private long lines;
    private byte[] lastDate = new byte[0];
    private byte[] lastWeek = new byte[0];

    LogStats() {
        for (Dimension d : Dimension.values()) {
            counts[d.ordinal()] = new ByteCounts();
        }
    }

    /** The files named, a folder's {@code *.jsonl} files in name order. */
    static List<Path> files(List<String> names) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException("no such file or folder: " + name);
            }
        }
        return files;
    }

    /** Parts of a file smaller than this are not worth a thread of their own. */
    private static final long SMALLEST_PART = 8L << 20;

    /**
     * Reads the files in order, each cut at line ends into as many parts as there are processors (a
     * year of logs is hundreds of megabytes): the parts are counted in parallel, each by a counter of
     * its own, and added up in file order, so the first unreadable line is still the first in order.
     */
    static LogStats readAll(List<Path> files) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        List<Part> parts = new ArrayList<>();
        for (Path file : files) {
            parts.addAll(Part.of(file, threads));
        }
        LogStats total = new LogStats();
        if (parts.size() <= 1) {
            for (Part part : parts) {
                total.read(part);
            }
            return total;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, parts.size()), r -> {
            Thread t = new Thread(r, "aipolicy-log-stats");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LogStats>> counted = new ArrayList<>();
            for (Part part : parts) {
                counted.add(pool.submit(() -> {
                    LogStats one = new LogStats();
                    one.read(part);
                    return one;
                }));
            }
            Path previousFile = null;
            long linesBefore = 0;
            for (int i = 0; i < parts.size(); i++) {
                Path file = parts.get(i).file();
                linesBefore = file.equals(previousFile) ? linesBefore : 0;
                previousFile = file;
                LogStats one = counted.get(i).get();
                total.add(one, file, linesBefore);
                linesBefore += one.lines;
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A byte range of a file that begins at a line's start and ends after a line's end (or the file's). */
    record Part(Path file, long from, long to) {
        static List<Part> of(Path file, int most) throws IOException {
            long size = Files.size(file);
            int count = (int) Math.max(1, Math.min(most, size / SMALLEST_PART));
            List<Part> parts = new ArrayList<>(count);
            try (FileChannel channel = FileChannel.open(file)) {
                long start = 0;
                for (int k = 1; k < count && start < size; k++) {
                    long end = lineEndAfter(channel, Math.max(start, size * k / count), size);
                    parts.add(new Part(file, start, end));
                    start = end;
                }
                parts.add(new Part(file, start, size));
            }
            return parts;
        }

        /** The position after the first line break at or after {@code at}, or the file's size. */
        private static long lineEndAfter(FileChannel channel, long at, long size) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (long position = at; position < size; ) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) == '\n') {
                        return position + i + 1;
                    }
                }
                position += n;
            }
            return size;
        }
    }

    /** Adds a part's counts; its line numbers follow the {@code linesBefore} lines of its file before it. */
    private void add(LogStats part, Path file, long linesBefore) {
        for (Dimension d : Dimension.values()) {
            counts[d.ordinal()].addAll(part.counts[d.ordinal()]);
        }
        records += part.records;
        unreadable += part.unreadable;
        if (firstUnreadable == null && part.firstUnreadableLine > 0) {
            firstUnreadable = file + " line " + (linesBefore + part.firstUnreadableLine);
        }
    }

    /** Reads one file, line by line, through a buffer of its own. */
    void read(Path file) throws IOException {
        read(new Part(file, 0, Files.size(file)));
    }

    /** Reads one part of a file, line by line, through a buffer of its own. */
    private void read(Part part) throws IOException {
        byte[] buffer = new byte[1 << 20];
        int length = 0;
        long lineNumber = 0;
        try (FileChannel in = FileChannel.open(part.file())) {
            long position = part.from();
            while (position < part.to()) {
                int want = (int) Math.min(buffer.length - length, part.to() - position);
                int n = in.read(ByteBuffer.wrap(buffer, length, want), position);
                if (n < 0) {
                    break;
                }
                position += n;
                length += n;
                int start = 0;
                for (int i = 0; i < length; i++) {
                    if (buffer[i] == '\n') {
                        lineNumber++;
                        line(buffer, start, i, part.file(), lineNumber);
                        start = i + 1;
                    }
                }
                System.arraycopy(buffer, start, buffer, 0, length - start);
                length -= start;
                if (length == buffer.length) { // a line longer than the buffer: no record is that long
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            if (length > 0) {
                lineNumber++;
                line(buffer, 0, length, part.file(), lineNumber);
            }
        }
        lines = lineNumber;
    }

    private void line(byte[] b, int from, int to, Path file, long lineNumber) {
        while (to > from && (b[to - 1] == '\r' || b[to - 1] == ' ')) {
            to--;
        }
        if (to == from) {
            return; // a blank line
        }
        try {
            if (record(b, from, to)) {
                records++;
                return;
            }
        } catch (RuntimeException e) {
            // an unfinished line (a file being written) or not a record: counted below
        }
        unreadable++;
        if (firstUnreadable == null) {
            firstUnreadable = file + " line " + lineNumber;
            firstUnreadableLine = lineNumber;
        }
    }

    /** Scans one record; false when it is not one (no verdict). */
    private boolean record(byte[] b, int from, int to) {
        int i = skipSpace(b, from, to);
        if (b[i] != '{') {
            return false;
        }
        i++;
        boolean verdict = false;
        while (true) {
            i = skipSpace(b, i, to);
            if (b[i] == '}') {
                return verdict && i + 1 == to;
            }
            if (b[i] == ',') {
                i = skipSpace(b, i + 1, to);
            }
            int keyStart = i + 1;
            int keyEnd = endOfString(b, keyStart, to);
            i = skipSpace(b, keyEnd + 1, to);
            if (b[i] != ':') {
                return false;
            }
            i = skipSpace(b, i + 1, to);
            Dimension dimension = dimension(b, keyStart, keyEnd);
            if (dimension == null && is(b, keyStart, keyEnd, "time")) {
                int end = endOfString(b, i + 1, to);
                week(b, i + 1, end);
                i = end + 1;
            } else if (dimension == null && b[i] == '"') {
                // the id (36 characters) and the digest (71) are the longest: their ends are known
                int known = keyEnd - keyStart == 2 ? 36 : keyEnd - keyStart == 12 ? 71 : 0;
                i = i + 1 + known < to && b[i + 1 + known] == '"' ? i + 2 + known : endOfString(b, i + 1, to) + 1;
            } else if (dimension == null && (b[i] == '{' || b[i] == '[') && (is(b, keyStart, keyEnd, "context")
                    || is(b, keyStart, keyEnd, "assumptions") || is(b, keyStart, keyEnd, "contacts"))) {
                // names and enum constants only: no bracket inside, so the first closing one ends them
                byte close = b[i] == '{' ? (byte) '}' : (byte) ']';
                while (b[i] != close) {
                    i++;
                }
                i++;
            } else if (dimension == null) {
                i = skipValue(b, i, to);
            } else if (b[i] == '[') {
                i = skipSpace(b, i + 1, to);
                while (b[i] != ']') {
                    if (b[i] == ',') {
                        i = skipSpace(b, i + 1, to);
                    }
                    i = countString(dimension, b, i, to);
                    i = skipSpace(b, i, to);
                }
                i++;
            } else {
                verdict |= dimension == Dimension.VERDICT;
                i = countString(dimension, b, i, to);
            }
        }
    }

    private Dimension dimension(byte[] b, int from, int to) {
        for (Dimension d : DIMENSIONS) {
            if (is(b, from, to, d.field)) {
                return d;
            }
        }
        return null;
    }

    private static final Dimension[] DIMENSIONS = {Dimension.VERDICT, Dimension.CHANNEL, Dimension.RULE,
        Dimension.CLAUSE, Dimension.TOOL, Dimension.PURPOSE, Dimension.DATA_CATEGORY};

    private static boolean is(byte[] b, int from, int to, String key) {
        if (to - from != key.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (b[from + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Counts the string at {@code i} (its opening quote) and returns the index after it. */
    private int countString(Dimension dimension, byte[] b, int i, int to) {
        if (b[i] != '"') {
            throw new IllegalArgumentException("not a string");
        }
        int end = endOfString(b, i + 1, to);
        boolean escaped = false;
        for (int k = i + 1; k < end; k++) {
            escaped |= b[k] == '\\';
        }
        if (escaped) {
            counts[dimension.ordinal()].add(unescape(b, i + 1, end));
        } else {
            counts[dimension.ordinal()].add(b, i + 1, end);
        }
        return end + 1;
    }

    /** The week of a time {@code YYYY-MM-DD…}, computed once per day seen. */
    private void week(byte[] b, int from, int to) {
        if (to - from < 10) {
            throw new IllegalArgumentException("not a time");
        }
        if (!java.util.Arrays.equals(lastDate, 0, lastDate.length, b, from, from + 10)) {
            LocalDate date = LocalDate.parse(new String(b, from, 10, StandardCharsets.US_ASCII));
            lastDate = java.util.Arrays.copyOfRange(b, from, from + 10);
            lastWeek = String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                    date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)).getBytes(StandardCharsets.US_ASCII);
        }
        counts[Dimension.WEEK.ordinal()].add(lastWeek, 0, lastWeek.length);
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i >= to) {
            throw new IllegalArgumentException("the line ends early");
        }
        return i;
    }

    /** The index of the closing quote of a string whose content starts at {@code i}. */
    private static int endOfString(byte[] b, int i, int to) {
        for (; i < to; i++) {
            if (b[i] == '"') {
                // closing unless an odd number of backslashes escapes it
                int slashes = 0;
                for (int k = i - 1; b[k] == '\\'; k--) {
                    slashes++;
                }
                if ((slashes & 1) == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("a string is not closed");
    }

    /** Skips any value: a string, an object or array (with strings inside), or a literal. */
    private static int skipValue(byte[] b, int i, int to) {
        if (b[i] == '"') {
            return endOfString(b, i + 1, to) + 1;
        }
        if (b[i] == '{' || b[i] == '[') {
            int depth = 0;
            while (i < to) {
                byte c = b[i];
                if (c == '"') {
                    i = endOfString(b, i + 1, to);
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            throw new IllegalArgumentException("an object is not closed");
        }
        while (i < to && b[i] != ',' && b[i] != '}') {
            i++;
        }
        return i;
    }

    private static String unescape(byte[] b, int from, int to) {
        String raw = new String(b, from, to - from, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    long records() {
        return records;
    }

    long unreadable() {
        return unreadable;
    }

    String firstUnreadable() {
        return firstUnreadable;
    }

    /** The counts of one dimension, most frequent first (weeks in order). */
    List<Map.Entry<String, Long>> counts(Dimension dimension) {
        return dimension == Dimension.WEEK ? counts[dimension.ordinal()].byKey() : counts[dimension.ordinal()].sorted();
    }

    /** Writes the counts as text, CSV ({@code dimension,value,count}) or JSON. */
    void write(PrintStream out, String format, boolean french) {
        switch (format) {
            case "csv" -> {
                out.println(french ? "dimension,valeur,nombre" : "dimension,value,count");
                out.println((french ? "total,décisions," : "total,decisions,") + records);
                for (Dimension d : Dimension.values()) {
                    for (Map.Entry<String, Long> e : counts(d)) {
                        out.println(d.field + "," + csv(e.getKey()) + "," + e.getValue());
                    }
                }
            }
            case "json" -> {
                StringBuilder json = new StringBuilder("{\"records\":").append(records).append(",\"unreadable\":")
                        .append(unreadable);
                for (Dimension d : Dimension.values()) {
                    json.append(",\"").append(d.field).append("\":{");
                    int n = 0;
                    for (Map.Entry<String, Long> e : counts(d)) {
                        json.append(n++ == 0 ? "" : ",");
                        jsonString(json, e.getKey());
                        json.append(':').append(e.getValue());
                    }
                    json.append('}');
                }
                out.println(json.append('}'));
            }
            default -> {
                out.println((french ? "Décisions : " : "Decisions: ") + records);
                for (Dimension d : Dimension.values()) {
                    out.println();
                    out.println(french ? d.french : d.english);
                    for (Map.Entry<String, Long> e : counts(d)) {
                        out.printf("  %-40s %10d  %5.1f %%%n", e.getKey(), e.getValue(),
                                records == 0 ? 0.0 : 100.0 * e.getValue() / records);
                    }
                }
            }
        }
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static void jsonString(StringBuilder out, String value) {
        out.append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * Runs {@code log stats}.
     *
     * @param args the arguments after {@code log}
     * @param out where the counts go
     * @param err where the errors go
     * @return the exit status
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(args);
        if (rest.isEmpty() || !rest.get(0).equals("stats")) {
            err.println("aipolicy: log needs a command: log stats [--output text|csv|json] [--lang en|fr] FILE|DIR...");
            return AipolicyCli.BAD_INPUT;
        }
        rest.remove(0);
        String format = option(rest, "--output", "text");
        String lang = option(rest, "--lang", "en");
        if (!List.of("text", "csv", "json").contains(format)) {
            err.println("aipolicy: --output accepts text, csv or json, not \"" + format + "\"");
            return AipolicyCli.BAD_INPUT;
        }
        if (!List.of("en", "fr").contains(lang)) {
            err.println("aipolicy: --lang accepts en or fr, not \"" + lang + "\"");
            return AipolicyCli.BAD_INPUT;
        }
        if (rest.isEmpty()) {
            err.println("aipolicy: log stats needs the decision log's files or folder");
            return AipolicyCli.BAD_INPUT;
        }
        LogStats stats;
        try {
            stats = readAll(files(rest));
        } catch (IOException e) {
            err.println("aipolicy: log stats cannot read " + e.getMessage());
            return AipolicyCli.BAD_INPUT;
        }
        stats.write(out, format, lang.equals("fr"));
        if (stats.unreadable() > 0) {
            err.println("aipolicy: " + stats.unreadable() + " line(s) are not decision records and were not counted,"
                    + " the first at " + stats.firstUnreadable());
            return AipolicyCli.BAD_INPUT;
        }
        return AipolicyCli.OK;
    }

    private static String option(List<String> rest, String name, String otherwise) {
        int at = rest.indexOf(name);
        if (at < 0) {
            return otherwise;
        }
        String value = at + 1 < rest.size() ? rest.get(at + 1) : "";
        rest.subList(at, Math.min(at + 2, rest.size())).clear();
        return value;
    }
}
