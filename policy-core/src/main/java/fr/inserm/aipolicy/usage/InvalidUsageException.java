package fr.inserm.aipolicy.usage;

import fr.inserm.aipolicy.Language;
import java.util.List;
import java.util.Objects;

/**
 * A described usage the library does not fully understand, and so refuses to decide.
 *
 * <p>The message names the field (as a path such as {@code context.subscription}), what is wrong
 * with it and, where the field takes a fixed set of values, the accepted values. The JSON reader and
 * the Java builders raise the same messages for the same mistakes.
 *
 * <p>{@link #getMessage()} is in English; {@link #message(Language)} says the same in French for a
 * caller that decides in French: the field path and the values stay as they are, the sentence around
 * them is translated (the {@link Wording} of the problem).
 */
public final class InvalidUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final transient Wording wording;
    private final String problem;
    private final List<String> acceptedValues;

    /**
     * Creates the exception with a problem in English only: it is said as it is in every language. The
     * core's own refusals use {@link #InvalidUsageException(String, Wording, List)}.
     *
     * @param field the path of the offending field, for example {@code context.subscription}
     * @param problem what is wrong with it, in a few words
     * @param acceptedValues the values the field accepts, or an empty list when it is not an enumeration
     */
    public InvalidUsageException(String field, String problem, List<String> acceptedValues) {
        this(field, Wording.verbatim(Objects.requireNonNull(problem, "problem")), acceptedValues);
    }

    /**
     * Creates the exception with a problem that can be said in English and French.
     *
     * @param field the path of the offending field, for example {@code context.subscription}
     * @param wording what is wrong with it, for example {@code Wording.of("notAccepted", "\"CLOUD\"")}
     * @param acceptedValues the values the field accepts, or an empty list when it is not an enumeration
     */
    public InvalidUsageException(String field, Wording wording, List<String> acceptedValues) {
        super(format(field, wording, acceptedValues, Language.EN));
        this.field = Objects.requireNonNull(field, "field");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.problem = wording.in(Language.EN);
        this.acceptedValues = List.copyOf(acceptedValues);
    }

    /**
     * The same problem about another field path (a batch's line, a form's parameter), in both languages.
     *
     * @param otherField the path to name instead
     * @return a new exception with the same wording and accepted values
     */
    public InvalidUsageException about(String otherField) {
        return new InvalidUsageException(otherField, wording(), acceptedValues);
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
     * What is wrong with the field, without its name, in English.
     *
     * @return for example {@code required} or {@code "CLOUD" is not an accepted value}
     */
    public String problem() {
        return problem;
    }

    /**
     * What is wrong with the field, without its name, in a language.
     *
     * @param language English or French
     * @return for example {@code obligatoire} or {@code "CLOUD" n’est pas une valeur acceptée}
     */
    public String problem(Language language) {
        return wording().in(language);
    }

    /**
     * The whole message in a language: the field path, the problem and the accepted values.
     *
     * @param language English or French
     * @return for example {@code hosting : obligatoire ; valeurs acceptées : LOCAL, INTERNAL, EXTERNAL_SOVEREIGN, EXTERNAL};
     *     in English the same as {@link #getMessage()}
     */
    public String message(Language language) {
        return format(field, wording(), acceptedValues, language);
    }

    /**
     * What is wrong, as a key of the core's refusal texts and its arguments.
     *
     * @return the wording; {@link Wording#verbatimOnly()} when the problem was given in English only
     */
    public Wording wording() {
        // after deserialisation the wording (not serialisable) is gone: the English problem is kept
        return wording != null ? wording : Wording.verbatim(problem);
    }

    /**
     * The values the field accepts, when it takes a fixed set of values.
     *
     * @return the accepted values, or an empty list
     */
    public List<String> acceptedValues() {
        return acceptedValues;
    }

    private static String format(String field, Wording wording, List<String> accepted, Language language) {
        // a place that is not a field, such as "(request)", is a word: said in the language
        Object where = RefusalTexts.has("field." + field) ? Wording.of("field." + field) : field;
        Wording framed = accepted.isEmpty() ? Wording.of("frame", where, wording)
                : Wording.of("frame.accepted", where, wording, String.join(", ", accepted));
        return framed.in(language);
    }
}
