package fr.inserm.aipolicy;

/** What the AI system is used for (POLICY.md §2). */
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
    OTHER
}
