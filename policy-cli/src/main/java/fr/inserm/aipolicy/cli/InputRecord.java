package fr.inserm.aipolicy.cli;

/**
 * One record of a batch, as its source framed it: its line number and either its raw bytes (a JSON
 * Lines record, decoded by the worker that decides it), a CSV row's cells (converted by the worker,
 * {@link RecordSource#ready}), a usage already in JSON (a converted CSV row), or why it cannot be
 * read at all (then {@code field} and {@code problem} are set).
 *
 * @param line the record's line number in the input, from 1 (a CSV row's row number, the header being 1)
 * @param bytes the record's bytes without its line ending, or null
 * @param json the usage as JSON, or null
 * @param id the record's identifier when the source knows it already (a CSV {@code id} cell), or null
 * @param field where the problem is, when the record cannot be read; null otherwise
 * @param problem what is wrong, when the record cannot be read; null otherwise
 * @param row a CSV row not converted yet, or null
 */
record InputRecord(long line, byte[] bytes, String json, String id, String field, String problem,
        CsvInventory.Row row) {

    static InputRecord ofBytes(long line, byte[] bytes) {
        return new InputRecord(line, bytes, null, null, null, null, null);
    }

    static InputRecord ofJson(long line, String id, String json) {
        return new InputRecord(line, null, json, id, null, null, null);
    }

    static InputRecord ofRow(long line, String id, CsvInventory.Row row) {
        return new InputRecord(line, null, null, id, null, null, row);
    }

    static InputRecord unreadable(long line, String id, String field, String problem) {
        return new InputRecord(line, null, null, id, field, problem, null);
    }

    /** Roughly how much memory the record holds, to bound what is in flight. */
    int size() {
        return 64 + (bytes != null ? bytes.length : 0) + (json != null ? 2 * json.length() : 0)
                + (row != null ? row.size() : 0);
    }
}
