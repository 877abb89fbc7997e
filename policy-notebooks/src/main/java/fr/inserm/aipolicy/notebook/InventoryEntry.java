package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.usage.Usage;

/**
 * One line of an inventory of declared uses: either a usage that was read, or the reason it could
 * not be read.
 *
 * @param line the line number in the file, from 1
 * @param id the entry's identifier ({@code "id"} field of a wrapped line), or {@code "line N"} when the
 *     line is a bare usage
 * @param synthetic true when the line says it is synthetic ({@code "synthetic": true})
 * @param declaredBy who declared the use ({@code "declaredBy"} field), or null
 * @param wrapped true when the line is an entry holding its usage under {@code "usage"}, false for a bare usage
 * @param usage the usage, or null when the line could not be read
 * @param field the path of the offending field in the line ({@code usage.hosting}, {@code id}; {@code (line)}
 *     for the line as a whole), or null when the line was read
 * @param error why the line could not be read, starting with the field's path, or null when it was read
 */
public record InventoryEntry(int line, String id, boolean synthetic, String declaredBy, boolean wrapped, Usage usage,
        String field, String error) {

    /**
     * Tells whether the line was read into a usage.
     *
     * @return true when {@link #usage()} is present
     */
    public boolean readable() {
        return usage != null;
    }

    /** The same line, refused when it was decided: its usage dropped for the field and error given. */
    InventoryEntry refused(String offendingField, String message) {
        return new InventoryEntry(line, id, synthetic, declaredBy, wrapped, null, offendingField, message);
    }
}
