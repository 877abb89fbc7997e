package fr.inserm.aipolicy;

/**
 * The engine failed while deciding a valid usage. No decision is returned: the library never
 * answers ALLOW because of an error.
 */
public final class PolicyEvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying failure, or null
     */
    public PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
