package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.usage.InvalidUsageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --resume OUTPUT}: where an interrupted batch stopped. The output's last complete record
 * (ending with a line break) names the last input line answered; a torn record after it (the run was
 * killed mid-write) is cut off, and the batch appends from the next input line on.
 */
final class Resume {
    /** How far back from the end a record is looked for: far more than any answer's length. */
    private static final int WINDOW = 4 << 20;

    /**
     * Where to go on.
     *
     * @param lastLine the last input line answered in the output (0 when none)
     * @param hasHeader whether the output already holds the format's header
     */
    record Point(long lastLine, boolean hasHeader) {
    }

    private Resume() {
    }

    /**
     * Reads the output's last complete record and cuts off what follows it. The channel is the one the
     * run holds its lock through (closing another descriptor of the file would release the lock).
     *
     * @param file the output, open to read and write, locked
     * @param output its name, for messages
     * @throws InvalidUsageException when the output does not end with a record of this format
     *     (nothing is changed then)
     * @throws IOException when the output cannot be read or cut
     */
    static Point prepare(FileChannel file, Path output, OutputFormat format) throws IOException {
        long size = file.size();
        if (size == 0) {
            return new Point(0, false);
        }
        int window = (int) Math.min(size, WINDOW);
        ByteBuffer read = ByteBuffer.allocate(window);
        while (read.hasRemaining() && file.read(read, size - window + read.position()) >= 0) {
            // read the whole tail
        }
        byte[] tail = read.array();
        int lastBreak = lastIndexOf(tail, tail.length - 1);
        if (lastBreak < 0) {
            if (size > window) {
                throw new InvalidUsageException(output.toString(), "its last " + window
                        + " bytes hold no line break: not an output of aipolicy evaluate --batch", List.of());
            }
            file.truncate(0); // only a torn first record (or header): start again
            return new Point(0, false);
        }
        int previous = lastIndexOf(tail, lastBreak - 1);
        String last = new String(tail, previous + 1, lastBreak - previous - 1, StandardCharsets.UTF_8);
        Point point;
        if (!format.header().isEmpty() && (last + "\n").equals(format.header())) {
            point = new Point(0, true);
        } else {
            long line = format.lineOf(last.endsWith("\r") ? last.substring(0, last.length() - 1) : last);
            if (line < 0) {
                throw new InvalidUsageException(output.toString(), "its last complete line is not an answer of"
                        + " aipolicy evaluate --batch --output " + formatName(format) + " (it names no input line)",
                        List.of());
            }
            point = new Point(line, !format.header().isEmpty());
        }
        long keep = size - window + lastBreak + 1;
        if (keep < size) {
            file.truncate(keep);
        }
        return point;
    }

    private static String formatName(OutputFormat format) {
        return format instanceof OutputFormat.Csv ? "csv" : "json";
    }

    private static int lastIndexOf(byte[] bytes, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
