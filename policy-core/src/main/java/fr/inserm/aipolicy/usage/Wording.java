package fr.inserm.aipolicy.usage;

import fr.inserm.aipolicy.Language;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What is wrong with a field of a usage, in words that can be said in English or French: a key of the
 * core's refusal texts ({@code refusals.properties}, {@code refusals_fr.properties}) and its arguments.
 * Field names, values and codes are arguments and stay as they are in every language; only the sentence
 * around them is translated.
 *
 * <p>An argument is shown as it is, except a {@code Wording} (said in the same language, for example a
 * JSON type such as "an array" / "un tableau") and a {@link List} (its elements, each shown by the same
 * rules, joined by {@code "; "}).
 *
 * @param key the key of the text in both bundles, for example {@code mustBeBoolean}
 * @param arguments the values of the text's placeholders {@code {0}}, {@code {1}}…
 */
public record Wording(String key, List<Object> arguments) {

    /** The key of a text said as it is in every language: a problem no one has translated yet. */
    public static final String VERBATIM = "verbatim";

    /**
     * Checks that both languages have the key, so a refusal can always be said.
     *
     * @throws IllegalArgumentException when the core's texts lack the key
     * @throws NullPointerException when the key or an argument is null
     */
    public Wording {
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments);
        RefusalTexts.require(key);
    }

    /**
     * A wording.
     *
     * @param key the key of the text
     * @param arguments the values of its placeholders; a null one is shown as {@code null}
     * @return the wording
     * @throws IllegalArgumentException when the core's texts lack the key
     */
    public static Wording of(String key, Object... arguments) {
        List<Object> values = new ArrayList<>(arguments.length);
        Arrays.stream(arguments).forEach(a -> values.add(a == null ? "null" : a));
        return new Wording(key, values);
    }

    /**
     * A text said as it is in every language, for a problem written before its words were translated.
     *
     * @param text the text
     * @return the wording
     */
    public static Wording verbatim(String text) {
        return of(VERBATIM, text);
    }

    /**
     * The text in a language.
     *
     * @param language English or French
     * @return the sentence, with the arguments in place
     */
    public String in(Language language) {
        Objects.requireNonNull(language, "language");
        String pattern = RefusalTexts.text(key, language);
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && close - i <= 3 && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(pattern.substring(i + 1, close));
                out.append(index < arguments.size() ? show(arguments.get(index), language) : pattern.substring(i, close + 1));
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String show(Object argument, Language language) {
        if (argument instanceof Wording w) {
            return w.in(language);
        }
        if (argument instanceof List<?> list) {
            List<String> shown = new ArrayList<>(list.size());
            list.forEach(e -> shown.add(show(e, language)));
            return String.join("; ", shown);
        }
        return String.valueOf(argument);
    }

    /**
     * Whether this wording is said the same in every language because no one translated it.
     *
     * @return whether its key is {@link #VERBATIM}
     */
    public boolean verbatimOnly() {
        return VERBATIM.equals(key);
    }

    /**
     * The text in English.
     *
     * @return {@code in(Language.EN)}
     */
    @Override
    public String toString() {
        return in(Language.EN);
    }
}
