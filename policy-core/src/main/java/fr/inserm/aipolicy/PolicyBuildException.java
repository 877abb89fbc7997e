package fr.inserm.aipolicy;

/**
 * The engine refused to build: a rule file does not compile, the clause catalogue is missing or
 * malformed, a rule cites a clause the catalogue lacks, two rules share an id, or a rule has no
 * message. The message says which file and, where Drools gives one, which line.
 */
public final class PolicyBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file
     */
    public PolicyBuildException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the file
     * @param cause the underlying failure
     */
    public PolicyBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
