package fr.inserm.aipolicy.usage;

/** What the AI system is used for (the policy (docs/policy.md)). */
public enum Purpose {
    /** Writing assistance. */
    WRITING,
    /** Translation. */
    TRANSLATION,
    /** Summarising documents. */
    SUMMARISATION,
    /** Information requests. */
    INFORMATION_SEARCH,
    /** Image generation. */
    IMAGE_GENERATION,
    /** Code generation (R4.2, R4.3). */
    CODE_GENERATION,
    /** A platform API inside an automated process (R4.4). */
    AUTOMATED_PROCESSING,
    /** Data analysis. */
    DATA_ANALYSIS,
    /** Training or fine-tuning a model (recommendation 7). */
    MODEL_TRAINING,
    /** Generating synthetic data (E3, E5). */
    SYNTHETIC_DATA_GENERATION,
    /** Human resources and administration: recruitment, careers (E1.3). */
    HR_ADMINISTRATION,
    /** Any other use. */
    OTHER;

    /**
     * Whether the purpose works on data the user gives (the policy (docs/policy.md)), so that the data categories
     * must be named: summarising, translating, analysing, training and automated processing.
     *
     * @return whether an empty list of data categories is refused for this purpose
     */
    public boolean consumesData() {
        return switch (this) {
            case SUMMARISATION, TRANSLATION, DATA_ANALYSIS, MODEL_TRAINING, AUTOMATED_PROCESSING -> true;
            default -> false;
        };
    }

    /**
     * Whether the purpose is to produce images or data, which only a generative tool can.
     *
     * @return whether a tool declared non-generative is refused for this purpose
     */
    public boolean producesContent() {
        return this == IMAGE_GENERATION || this == SYNTHETIC_DATA_GENERATION;
    }

    /**
     * Whether a usage with this purpose can be described at all: data named when the purpose consumes
     * data, a generative tool when it produces content. The rule {@link Usage} enforces, for
     * generators that must draw only usages the library accepts.
     *
     * @param generative whether the tool is generative
     * @param anyData whether at least one data category is named
     * @return whether such a usage is accepted as input
     */
    public boolean accepts(boolean generative, boolean anyData) {
        return (anyData || !consumesData()) && (generative || !producesContent());
    }
}
