package fr.inserm.aipolicy.cli;

import java.io.IOException;

/** The output could not be written (a full disk, a closed pipe): the batch stops at once. */
final class OutputFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** How many input lines had been answered, complete, before the failure. */
    final long lastLineWritten;

    OutputFailedException(long lastLineWritten, IOException cause) {
        super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        this.lastLineWritten = lastLineWritten;
    }
}
