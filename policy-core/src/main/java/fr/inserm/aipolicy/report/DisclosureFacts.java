package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.usage.InvalidUsageException;

/**
 * Facts about a use of AI that the usage does not hold and that a disclosure paragraph
 * ({@link Disclosure}) needs. Every field is optional: a missing fact leaves a bracketed gap in the
 * draft for the author to fill, and is listed in {@link Disclosure#missing()}.
 *
 * <p>The texts are used as written, in whatever language the caller wrote them.
 *
 * @param toolVersion the version of the tool or model, for example {@code "GPT-4o, 2024-08-06"}
 * @param role the role of the tool in the work, for example {@code "to improve the English of the
 *     discussion section"}
 * @param parameters the settings used, for example {@code "temperature 0.2, default system prompt"}
 * @param verification how the outputs were verified, for example {@code "every sentence was re-read
 *     against the source data by two authors"}
 */
public record DisclosureFacts(String toolVersion, String role, String parameters, String verification) {
    /** The longest text accepted for one fact. */
    public static final int MAX_LENGTH = 1000;

    /** No fact stated. */
    public static final DisclosureFacts NONE = new DisclosureFacts(null, null, null, null);

    /**
     * Checks the facts; a blank fact counts as not stated.
     *
     * @throws InvalidUsageException when a fact is longer than {@link #MAX_LENGTH} characters
     */
    public DisclosureFacts {
        toolVersion = fact(toolVersion, "disclosure.toolVersion");
        role = fact(role, "disclosure.role");
        parameters = fact(parameters, "disclosure.parameters");
        verification = fact(verification, "disclosure.verification");
    }

    private static String fact(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidUsageException(field, fr.inserm.aipolicy.usage.Wording.of("tooLong", value.length(),
                    MAX_LENGTH), java.util.List.of());
        }
        return value.strip();
    }
}
