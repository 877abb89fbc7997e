package fr.inserm.aipolicy.cli;

import java.io.IOException;

/** Where a batch's records come from: JSON Lines ({@link LineFramer}) or CSV ({@link CsvInventory}). */
interface RecordSource {

    /**
     * The next record, skipping blank ones.
     *
     * @return the record, or null at the end of the input
     * @throws IOException when the input cannot be read
     */
    InputRecord next() throws IOException;

    /** How many blank lines (or empty CSV rows) were skipped so far. */
    long blankLines();
}
