package fr.inserm.aipolicy.decision;

/**
 * The answer to a described usage. Declared from the most permissive to the most restrictive:
 * {@code DENY} overrides {@code ESCALATE}, which overrides {@code ALLOW}.
 */
public enum Verdict {
    /** The use is allowed, provided the decision's obligations are met. */
    ALLOW,
    /** Someone must be asked first: see {@link Decision#escalateTo()}. */
    ESCALATE,
    /** The use is not allowed. */
    DENY;

    /**
     * Tells whether this verdict is more restrictive than another.
     *
     * @param other the verdict to compare with
     * @return true when this verdict overrides {@code other}
     */
    public boolean isStricterThan(Verdict other) {
        return compareTo(other) > 0;
    }
}
