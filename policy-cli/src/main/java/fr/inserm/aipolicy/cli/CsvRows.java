package fr.inserm.aipolicy.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts CSV text into rows of cells (RFC 4180, as spreadsheets write it): cells separated by one
 * character ({@code ,}, {@code ;} or a tab, taken from the header line by {@link #detectSeparator()}),
 * a row ending at {@code \n}, {@code \r\n} or a lone {@code \r}, a cell in double quotes holding
 * separators, line breaks and doubled quotes.
 *
 * <p>Nothing is lost to a damaged row: a row the format still frames (a cell over {@link #MAX_CELL}
 * characters, text after a cell's closing quote) is returned with its problem, column and line, and
 * the next row is read; only a quote that is never closed leaves the rest of the file without a frame,
 * and that is a {@link Damage} naming the line and column where the quote opened and the lines it
 * swallowed. Memory is bounded whatever the input: an over-long cell is not kept.
 */
final class CsvRows {
    /** The longest cell kept (the core's request limit): a longer one spoils its row, not the file. */
    static final int MAX_CELL = LineFramer.MAX_REQUEST_CHARS;
    private static final int EOF = -1;
    /** {@link Row#problem()}: a cell longer than {@link #MAX_CELL}. */
    static final String TOO_LONG = "a cell is longer than " + MAX_CELL + " characters";
    /** {@link Row#problem()}: text after a cell's closing quote. */
    static final String AFTER_QUOTE = "text after the closing quote of a cell";

    /**
     * One row.
     *
     * @param line the line where it starts (the first line is 1)
     * @param cells its cells, as many as the row holds
     * @param problem what is wrong with it, when the row could be framed but not read; null otherwise
     * @param column where the problem is (from 1), when there is one
     */
    record Row(long line, String[] cells, String problem, int column) {
    }

    /** A quote never closed: the rest of the file cannot be cut into rows. */
    static final class Damage extends IOException {
        private static final long serialVersionUID = 1L;
        /** The line of the row that could not be read. */
        final long line;
        /** The line and column of the quote that was never closed. */
        final long quoteLine;
        final int quoteColumn;
        /** The last line of the file. */
        final long lastLine;

        Damage(long line, long quoteLine, int quoteColumn, long lastLine) {
            super("line " + quoteLine + ", column " + quoteColumn + ": a quote opens a cell that is never closed");
            this.line = line;
            this.quoteLine = quoteLine;
            this.quoteColumn = quoteColumn;
            this.lastLine = lastLine;
        }
    }

    private final Reader in;
    private char[] buffer = new char[1 << 14];
    private int at;
    private int end;
    private boolean eof;
    private char separator = ',';
    /** The line being read (from 1) and the column of the last character read (from 1). */
    private long line = 1;
    private int column;
    private final StringBuilder cell = new StringBuilder();
    /** How the first row ended: with a carriage return before its line feed, or not (null before). */
    private Boolean crlf;

    CsvRows(Reader in) {
        this.in = in;
    }

    /** Rows whose separator is known. */
    CsvRows(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** The separator of the cells. */
    char separator() {
        return separator;
    }

    /**
     * Takes the separator from the first line (outside quotes): the most frequent of tab, {@code ;} and
     * {@code ,}, a comma when there is none (a one-column file). Call before the first row.
     */
    char detectSeparator() throws IOException {
        // look ahead without consuming: fill the buffer until it holds the first line break outside quotes
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int k = 0; ; k++) { // an offset from at: more() may move the buffered characters
            if (at + k == end) {
                if (k > MAX_CELL * 4 || !more()) {
                    break;
                }
            }
            char c = buffer[at + k];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        separator = tabs > 0 && tabs >= semicolons && tabs >= commas ? '\t' : semicolons > commas ? ';' : ',';
        return separator;
    }

    /** Skips a byte-order mark at the start; true when there was one. Call before the first row. */
    boolean skipByteOrderMark() throws IOException {
        if (peek() == '\uFEFF') {
            at++;
            return true;
        }
        return false;
    }

    /** Whether the first row ended with {@code \r\n}. */
    boolean crlf() {
        return Boolean.TRUE.equals(crlf);
    }

    /** The line the next row starts on. */
    long line() {
        return line;
    }

    /**
     * The next row.
     *
     * @return the row, or null at the end of the input
     * @throws Damage when a quote is never closed
     * @throws IOException when the input cannot be read
     */
    Row next() throws IOException {
        long start = line;
        List<String> cells = new ArrayList<>();
        String problem = null;
        int problemColumn = 0;
        cell.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        int cellStart = column + 1;
        while (true) {
            int c = read();
            if (c == EOF) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
                tooLong = false;
                cellStart = column + 1;
                continue;
            }
            if (c == '\n' || c == '\r') {
                boolean pair = c == '\r' && peek() == '\n';
                if (pair) {
                    read();
                }
                if (crlf == null) {
                    crlf = pair;
                }
                newLine();
                break;
            }
            if (c == '"' && cell.isEmpty() && !tooLong) {
                long quoteLine = line;
                int quoteColumn = column;
                // a quoted cell: up to the closing quote, line breaks and separators included
                while (true) {
                    int q = read();
                    if (q == EOF) {
                        throw new Damage(start, quoteLine, quoteColumn, line);
                    }
                    if (q == '"') {
                        if (peek() == '"') {
                            read();
                        } else {
                            break;
                        }
                    } else if (q == '\n' || q == '\r' && peek() != '\n') {
                        newLine();
                    }
                    if (!tooLong) {
                        tooLong = append((char) q);
                        if (tooLong && problem == null) {
                            problem = TOO_LONG;
                            problemColumn = quoteColumn;
                        }
                    }
                }
                int after = peek();
                if (after != EOF && after != separator && after != '\n' && after != '\r' && problem == null) {
                    problem = AFTER_QUOTE;
                    problemColumn = column + 1;
                }
                continue;
            }
            if (!tooLong) {
                tooLong = append((char) c);
                if (tooLong && problem == null) {
                    problem = TOO_LONG;
                    problemColumn = cellStart;
                }
            }
        }
        cells.add(cell.toString());
        cell.setLength(0);
        return new Row(start, problem == null ? cells.toArray(new String[0]) : new String[0], problem, problemColumn);
    }

    /** Appends a character to the cell; true when the cell is now over the limit (and emptied). */
    private boolean append(char c) {
        if (cell.length() >= MAX_CELL) {
            cell.setLength(0);
            cell.trimToSize();
            return true;
        }
        cell.append(c);
        return false;
    }

    private void newLine() {
        line++;
        column = 0;
    }

    private int read() throws IOException {
        if (at == end && !more()) {
            return EOF;
        }
        column++;
        return buffer[at++];
    }

    private int peek() throws IOException {
        if (at == end && !more()) {
            return EOF;
        }
        return buffer[at];
    }

    /** Reads more characters after those buffered (keeping them: the separator's look-ahead needs them). */
    private boolean more() throws IOException {
        if (eof) {
            return false;
        }
        if (at == end) {
            at = 0;
            end = 0;
        } else if (end == buffer.length) {
            if (at > 0) {
                System.arraycopy(buffer, at, buffer, 0, end - at);
                end -= at;
                at = 0;
            } else {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        int n = in.read(buffer, end, buffer.length - end);
        while (n == 0) {
            n = in.read(buffer, end, buffer.length - end);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }
}
