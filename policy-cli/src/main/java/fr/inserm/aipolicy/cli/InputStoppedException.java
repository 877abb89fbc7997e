package fr.inserm.aipolicy.cli;

import java.io.IOException;

/**
 * The input could not be read to its end: every record read before was answered, and the rest was
 * not decided. Either the CSV lost its frame (a quote never closed, {@link CsvRows.Damage}) or reading
 * failed (a disk or pipe error).
 */
final class InputStoppedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The line of the last record read and answered (0 when none). */
    final long lastLineRead;

    InputStoppedException(long lastLineRead, IOException cause) {
        super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        this.lastLineRead = lastLineRead;
    }

    /** The CSV damage that stopped the reading, or null when reading itself failed. */
    CsvRows.Damage damage() {
        return getCause() instanceof CsvRows.Damage damage ? damage : null;
    }
}
