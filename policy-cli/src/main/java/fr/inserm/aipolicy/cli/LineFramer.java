package fr.inserm.aipolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts JSON Lines into records, on bytes: a record ends at {@code \n} (a {@code \r\n} ending is
 * accepted); a {@code \r} anywhere else stays in the record, where JSON reads it as whitespace. The
 * same bytes give the same records from a file and from standard input, and decoding (strict UTF-8)
 * is left to whoever decides the record, so a bad byte spoils its own line only.
 *
 * <p>Memory is bounded whatever the input: a record longer than {@link #MAX_RECORD_BYTES} is not kept;
 * the framer skips to the next {@code \n} and hands an unreadable record for that line. A UTF-8
 * byte-order mark at the very start is dropped (spreadsheets write one).
 */
final class LineFramer implements RecordSource {
    /**
     * The largest request the core accepts, in characters (its {@code UsageReader.MAX_REQUEST_CHARS},
     * package-private there: kept equal by {@code LineFramerTest}).
     */
    static final int MAX_REQUEST_CHARS = 64 * 1024;
    /** A UTF-8 character is at most 4 bytes: a longer record is certainly over the character limit. */
    static final int MAX_RECORD_BYTES = 4 * MAX_REQUEST_CHARS;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int at;
    private int end;
    private boolean eof;
    private boolean started;
    private long line;
    private long blank;
    private byte[] record = new byte[1024];
    private int length;

    LineFramer(InputStream in) {
        this.in = in;
    }

    @Override
    public InputRecord next() throws IOException {
        while (true) {
            length = 0;
            boolean tooLong = false;
            long bytes = 0;
            boolean any = false;
            while (true) {
                if (at == end && !fill()) {
                    break;
                }
                any = true;
                int newline = indexOf(buffer, at, end, (byte) '\n');
                int stop = newline < 0 ? end : newline;
                bytes += stop - at;
                if (!tooLong) {
                    if (bytes > MAX_RECORD_BYTES + 1) { // + 1: room for the \r of a \r\n ending
                        tooLong = true;
                        length = 0;
                    } else {
                        append(buffer, at, stop - at);
                    }
                }
                at = stop;
                if (newline >= 0) {
                    at++;
                    break;
                }
            }
            if (!any) {
                return null;
            }
            line++;
            if (!tooLong && length > 0 && record[length - 1] == '\r') {
                length--;
            }
            int from = 0;
            if (!started) {
                started = true;
                // a byte-order mark is not JSON; spreadsheets and some editors write one. Looked for in the
                // first record, not the first read: a pipe may hand its three bytes over in several reads
                if (!tooLong && length >= 3 && (record[0] & 0xFF) == 0xEF && (record[1] & 0xFF) == 0xBB
                        && (record[2] & 0xFF) == 0xBF) {
                    from = 3;
                }
            }
            if (tooLong) {
                return InputRecord.unreadable(line, null, "(request)", "too large (" + bytes + " bytes; a record holds at most "
                        + MAX_REQUEST_CHARS + " characters): the line was skipped without being read");
            }
            if (isBlank(record, from, length)) {
                blank++;
                continue;
            }
            return InputRecord.ofBytes(line, Arrays.copyOfRange(record, from, length));
        }
    }

    @Override
    public long blankLines() {
        return blank;
    }

    /** Reads more bytes; false at the end of the input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        at = 0;
        end = n;
        return true;
    }

    private void append(byte[] from, int offset, int count) {
        if (length + count > record.length) {
            record = Arrays.copyOf(record, Math.max(length + count, 2 * record.length));
        }
        System.arraycopy(from, offset, record, length, count);
        length += count;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Only JSON whitespace: space, tab, carriage return. */
    private static boolean isBlank(byte[] bytes, int from, int count) {
        for (int i = from; i < count; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
