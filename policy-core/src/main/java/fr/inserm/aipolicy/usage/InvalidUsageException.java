package fr.inserm.aipolicy.usage;

import java.util.List;
import java.util.Objects;

/**
 * A described usage the library does not fully understand, and so refuses to decide.
 *
 * <p>The message names the field (as a path such as {@code context.subscription}), what is wrong
 * with it and, where the field takes a fixed set of values, the accepted values. The JSON reader and
 * the Java builders raise the same messages for the same mistakes.
 */
public final class InvalidUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;
    private final List<String> acceptedValues;

    /**
     * Creates the exception.
     *
     * @param field the path of the offending field, for example {@code context.subscription}
     * @param problem what is wrong with it, in a few words
     * @param acceptedValues the values the field accepts, or an empty list when it is not an enumeration
     */
    public InvalidUsageException(String field, String problem, List<String> acceptedValues) {
        super(format(field, problem, acceptedValues));
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.acceptedValues = List.copyOf(acceptedValues);
    }

    /**
     * The path of the offending field.
     *
     * @return for example {@code hosting}, {@code dataCategories[2]} or {@code context.subscription}
     */
    public String field() {
        return field;
    }

    /**
     * What is wrong with the field, without its name.
     *
     * @return for example {@code required} or {@code "CLOUD" is not an accepted value}
     */
    public String problem() {
        return problem;
    }

    /**
     * The values the field accepts, when it takes a fixed set of values.
     *
     * @return the accepted values, or an empty list
     */
    public List<String> acceptedValues() {
        return acceptedValues;
    }

    private static String format(String field, String problem, List<String> accepted) {
        String message = field + ": " + problem;
        return accepted.isEmpty() ? message : message + "; accepted: " + String.join(", ", accepted);
    }
}
