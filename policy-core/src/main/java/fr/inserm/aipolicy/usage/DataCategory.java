package fr.inserm.aipolicy.usage;

/**
 * A category of data that goes into the AI system (the policy (docs/policy.md), recommendation 3).
 *
 * <p>The first seven categories are sensitive (R3). {@link #UNKNOWN} is neither sensitive nor safe:
 * on an external platform it escalates (R3.1).
 */
public enum DataCategory {
    /** Identifiable health data, whatever their origin. */
    IDENTIFIABLE_HEALTH_DATA(true),
    /** Pseudonymised data. */
    PSEUDONYMISED_DATA(true),
    /** An unpublished article or clinical-trial data. */
    UNPUBLISHED_RESEARCH(true),
    /** Anonymised cohort data without the principal investigator's explicit approval. */
    ANONYMISED_WITHOUT_APPROVAL(true),
    /** Information under a confidentiality agreement. */
    CONFIDENTIAL(true),
    /** Data subject to intellectual property constraints. */
    INTELLECTUAL_PROPERTY(true),
    /** Other personal data, for example staff records. */
    PERSONAL_DATA(true),
    /** Anonymised data used with the principal investigator's approval. */
    ANONYMISED_WITH_APPROVAL(false),
    /** Synthetic data. */
    SYNTHETIC_DATA(false),
    /** Published or public material. */
    PUBLIC(false),
    /** The user cannot tell what the data are. */
    UNKNOWN(false);

    private final boolean sensitive;

    DataCategory(boolean sensitive) {
        this.sensitive = sensitive;
    }

    /**
     * Tells whether recommendation 3 counts this category as sensitive data.
     *
     * @return true for the seven sensitive categories
     */
    public boolean isSensitive() {
        return sensitive;
    }
}
