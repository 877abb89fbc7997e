package fr.inserm.aipolicy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a refusal shown to a French reader is French: once its field paths, quoted values,
 * codes and accepted values (which stay as they are in every language) are left out, no word of the English refusal texts
 * remains. For the tests of every channel that shows refusals (a command line, a web page, a notebook):
 * a sentence left in English is a refusal a French reader cannot act on.
 *
 * <pre>{@code
 * FrenchRefusals.assertFrench(response.body());   // "hosting : obligatoire ; valeurs acceptées : LOCAL, …"
 * }</pre>
 */
public final class FrenchRefusals {
    /**
     * Words of the English refusal texts that are not French words ("long", "large", "catalogue", "usage", "a", "text"
     * in "texte" are not counted: they are French too, or part of a French word).
     */
    static final Set<String> ENGLISH = Set.of("the", "is", "must", "not", "be", "required", "accepted",
            "got", "field", "unknown", "too", "while", "reading", "line", "column", "value", "values", "text", "number",
            "array", "object", "empty", "characters", "character", "appears", "twice", "valid", "invalid",
            "at", "most", "of", "an", "only", "runs", "several", "places", "nested", "name", "type", "with",
            "save", "file", "as", "blank", "and", "or", "when", "purpose", "tool", "data", "that", "contradicts",
            "looks", "like", "exists", "write", "follows", "request", "ends", "early", "unexpected", "word", "quoted",
            "escaped", "inside", "one", "from", "to", "state", "generates", "content", "cannot", "more", "than",
            "bytes", "readable", "levels", "nesting", "control", "visible", "again", "decided", "this", "use",
            "refused", "error", "unofficial", "translation");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|«[^»]*»");
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9_]+\\b|U\\+[0-9A-F]+[A-Z ]*");
    private static final Pattern PATH = Pattern.compile("\\b[a-z][A-Za-z]*(?:\\.[A-Za-z]+|\\[\\d+])+");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern ACCEPTED = Pattern.compile("valeurs acceptées : [^\\n]*");

    private FrenchRefusals() {
    }

    /**
     * The English words of a text meant to be French.
     *
     * @param text the refusal as shown
     * @param asIs texts that stay as they are in every language (a field name such as {@code hosting}, a
     *     file name), left out before the scan
     * @return the English words found, in order; empty when the text is French
     */
    public static List<String> englishWords(String text, String... asIs) {
        String rest = text;
        for (String kept : asIs) {
            rest = rest.replace(kept, " ");
        }
        // the accepted values are field names and codes, as they are in every language
        rest = ACCEPTED.matcher(rest).replaceAll(" ");
        rest = PATH.matcher(CODE.matcher(QUOTED.matcher(rest).replaceAll(" ")).replaceAll(" ")).replaceAll(" ");
        List<String> english = new ArrayList<>();
        Matcher m = WORD.matcher(rest);
        while (m.find()) {
            if (ENGLISH.contains(m.group())) {
                english.add(m.group());
            }
        }
        return english;
    }

    /**
     * Asserts that a text meant to be French holds no English word.
     *
     * @param text the refusal as shown
     * @param asIs texts that stay as they are, left out before the scan
     * @throws AssertionError naming the English words and the text
     */
    public static void assertFrench(String text, String... asIs) {
        if (text == null || text.isBlank()) {
            throw new AssertionError("expected a refusal in French, got nothing");
        }
        List<String> english = englishWords(text, asIs);
        if (!english.isEmpty()) {
            throw new AssertionError("English words " + english + " in a refusal meant to be French: " + text);
        }
    }
}
