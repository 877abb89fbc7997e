package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.usage.InvalidUsageException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
     * Reads the output's last complete record and cuts off what follows it.
     *
     * @throws InvalidUsageException when the output does not end with a record of this format
     *     (nothing is changed then)
     */
    static Point prepare(Path output, OutputFormat format) throws IOException {
        if (!Files.exists(output)) {
            Files.createFile(output);
            return new Point(0, false);
        }
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "rw")) {
            long size = file.length();
            int window = (int) Math.min(size, WINDOW);
            byte[] tail = new byte[window];
            file.seek(size - window);
            file.readFully(tail);
            int lastBreak = lastIndexOf(tail, tail.length - 1);
            if (lastBreak < 0) {
                if (size > window) {
                    throw new InvalidUsageException(output.toString(), "its last " + window
                            + " bytes hold no line break: not an output of aipolicy evaluate --batch", List.of());
                }
                file.setLength(0); // only a torn first record (or header): start again
                return new Point(0, false);
            }
            int previous = lastIndexOf(tail, lastBreak - 1);
            String last = new String(tail, previous + 1, lastBreak - previous - 1, StandardCharsets.UTF_8);
            Point point;
            if (!format.header().isEmpty() && (last + "\n").equals(format.header())) {
                point = new Point(0, true);
            } else {
                long line = format.lineOf(last);
                if (line < 0) {
                    throw new InvalidUsageException(output.toString(), "its last complete line is not an answer of"
                            + " aipolicy evaluate --batch --output " + formatName(format) + " (it names no input line)",
                            List.of());
                }
                point = new Point(line, !format.header().isEmpty());
            }
            file.setLength(size - window + lastBreak + 1);
            return point;
        }
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
