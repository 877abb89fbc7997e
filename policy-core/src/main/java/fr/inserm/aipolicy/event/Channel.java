package fr.inserm.aipolicy.event;

/** Through what a decision was asked: the engine's callers in this project. */
public enum Channel {
    /** A Java application calling the engine itself. */
    JAVA,
    /** The command line, {@code aipolicy evaluate}. */
    CLI,
    /** The self-service page or the JSON endpoint of the policy server. */
    HTTP,
    /** A notebook, through the notebook helpers. */
    NOTEBOOK
}
