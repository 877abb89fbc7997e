package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.usage.InvalidUsageException;
import java.util.regex.Pattern;

/**
 * The core's refusal messages, with the one known leak of the JSON library's class and option names
 * (content after the first JSON value) put in plain words, until the core words it itself.
 */
final class PlainMessages {
    private static final Pattern TRAILING = Pattern.compile(
            "Trailing token \\(of type [A-Z_]+\\) found after value \\(bound as `[^`]*`\\): not allowed as per `[^`]*`");

    private PlainMessages() {
    }

    /** The exception's message, in plain words. */
    static String of(InvalidUsageException e) {
        return plain(e.getMessage());
    }

    /** The text, in plain words. */
    static String plain(String message) {
        return message == null ? null
                : TRAILING.matcher(message).replaceAll("more content after the first JSON value");
    }
}
