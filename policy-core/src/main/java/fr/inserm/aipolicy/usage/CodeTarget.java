package fr.inserm.aipolicy.usage;

/** What generated code is for (R4.3 names the highly sensitive applications). */
public enum CodeTarget {
    /** Most applications. */
    GENERAL,
    /** Access rights management: highly sensitive (R4.3). */
    ACCESS_CONTROL,
    /** Cryptography: highly sensitive (R4.3). */
    CRYPTOGRAPHY,
    /** Code that processes sensitive data: highly sensitive (R4.3). */
    SENSITIVE_DATA_PROCESSING;

    /**
     * Tells whether recommendation 4 counts this target as a highly sensitive application.
     *
     * @return true for every target but {@link #GENERAL}
     */
    public boolean isHighlySensitive() {
        return this != GENERAL;
    }
}
