package fr.inserm.aipolicy.usage;

/**
 * Where the AI system runs, in the classes of recommendation 4 (the policy (docs/policy.md)).
 *
 * <p>{@link #EXTERNAL} and {@link #EXTERNAL_SOVEREIGN} are external platforms: sensitive data must
 * never reach them (R4.1, R5.3).
 */
public enum Hosting {
    /** On the user's own computer, with no external communication (for example through Ollama). */
    LOCAL,
    /** Inserm's secure internal environment, which does not collect interactions. */
    INTERNAL,
    /** An external platform on sovereign infrastructure under French law and the GDPR, with strong confidentiality guarantees. */
    EXTERNAL_SOVEREIGN,
    /** Any other external platform, free or paid, in any country. */
    EXTERNAL;

    /**
     * Tells whether this hosting is an external platform.
     *
     * @return true for {@link #EXTERNAL} and {@link #EXTERNAL_SOVEREIGN}
     */
    public boolean isExternal() {
        return this == EXTERNAL || this == EXTERNAL_SOVEREIGN;
    }
}
