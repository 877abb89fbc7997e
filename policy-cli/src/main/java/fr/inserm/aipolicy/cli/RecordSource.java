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

    /**
     * A record of {@link #next()} as the entry reader takes it. Called on the worker threads, so that
     * the work of reading a record is shared between them rather than done by the one thread that
     * frames the input (a CSV row becomes usage JSON here).
     *
     * @param record a record of {@link #next()}
     * @return the record to read
     */
    default InputRecord ready(InputRecord record) {
        return record;
    }

    /** How many blank lines (or empty CSV rows) were skipped so far. */
    long blankLines();
}
