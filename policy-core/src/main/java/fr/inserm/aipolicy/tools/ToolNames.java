package fr.inserm.aipolicy.tools;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How tool names are compared (the policy (docs/policy.md)): Unicode NFKC, case folding, words (runs of letters and
 * digits), the compact form (the words joined) and a confusable skeleton in the style of Unicode
 * UTS #39, so that a name written with look-alike letters can be told from the name it imitates.
 */
final class ToolNames {
    /**
     * Look-alike characters and the letter they imitate, applied after case folding. A small table
     * written for tool names, not the full UTS #39 data: the Cyrillic, Greek and Armenian letters
     * that render like Latin ones, and the digit/letter pairs 0/o and 1/l/i (case folding turns I
     * into i, so i, l and 1 all map to l). "rn" is mapped to "m" after this table.
     */
    private static final String[][] CONFUSABLES = {
        // Latin forms and digits
        {"0", "o"}, {"1", "l"}, {"i", "l"}, {"ı", "l"}, {"ɩ", "l"}, {"ǀ", "l"}, {"ȷ", "j"}, {"ɑ", "a"},
        {"ɡ", "g"}, {"ʏ", "y"},
        // Cyrillic (lower case: case folding has already run)
        {"а", "a"}, {"в", "b"}, {"е", "e"}, {"һ", "h"}, {"н", "h"}, {"і", "l"}, {"ӏ", "l"}, {"ј", "j"},
        {"к", "k"}, {"м", "m"}, {"о", "o"}, {"р", "p"}, {"с", "c"}, {"ԛ", "q"}, {"ѕ", "s"}, {"т", "t"},
        {"у", "y"}, {"ү", "y"}, {"х", "x"}, {"ԁ", "d"}, {"ԝ", "w"},
        // Greek
        {"α", "a"}, {"β", "b"}, {"ε", "e"}, {"η", "n"}, {"ι", "l"}, {"κ", "k"}, {"ν", "v"}, {"ο", "o"},
        {"ρ", "p"}, {"τ", "t"}, {"υ", "u"}, {"χ", "x"}, {"γ", "y"}, {"ω", "w"},
        // Armenian
        {"օ", "o"}, {"ս", "u"}, {"հ", "h"}, {"ո", "n"},
    };
    private static final int[] FROM = new int[CONFUSABLES.length];
    private static final int[] TO = new int[CONFUSABLES.length];

    static {
        for (int i = 0; i < CONFUSABLES.length; i++) {
            FROM[i] = CONFUSABLES[i][0].codePointAt(0);
            TO[i] = CONFUSABLES[i][1].codePointAt(0);
        }
    }

    private ToolNames() {
    }

    /** NFKC, then case folding (upper then lower case, so that ß and ẞ fold to ss and ς to σ). */
    static String normalise(String name) {
        String text = ascii(name) ? name : Normalizer.normalize(name, Normalizer.Form.NFKC);
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a text is ASCII alone, which every Unicode normal form leaves as it is: the catalogue's
     * names are, so an engine's build does not load the JDK's normalisation data to read them.
     */
    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The words of a name: runs of letters and digits of its normalised form. */
    static List<String> words(String name) {
        String text = normalise(name);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            boolean inWord = Character.isLetterOrDigit(cp);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** The compact form: letters and digits only, so "Chat GPT", "Chat-GPT" and "chatgpt" are one name. */
    static String compact(String name) {
        return String.join("", words(name));
    }

    /**
     * The confusable skeleton of a compact form: accents and other combining marks dropped, look-alike
     * letters mapped to the letter they imitate, then "rn" read as "m".
     */
    static String skeleton(String compact) {
        String decomposed = ascii(compact) ? compact : Normalizer.normalize(compact, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                    && type != Character.COMBINING_SPACING_MARK) {
                out.appendCodePoint(confusable(cp));
            }
        });
        return out.toString().replace("rn", "m");
    }

    /** The letter a look-alike character imitates, or the character itself. */
    static int confusable(int cp) {
        for (int i = 0; i < FROM.length; i++) {
            if (FROM[i] == cp) {
                return TO[i];
            }
        }
        return cp;
    }

    /**
     * The first character of a text that the skeleton reads as another, for a message: "U+0430
     * CYRILLIC SMALL LETTER A", or "rn" when only that pair differs.
     */
    static String firstLookAlike(String compact) {
        String decomposed = Normalizer.normalize(compact, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length();) {
            int cp = decomposed.codePointAt(i);
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK;
            // i, l, 1 and 0 are ordinary in names: point at them only when nothing else differs
            if (mark || (confusable(cp) != cp && cp > 0x7F)) {
                return describe(cp);
            }
            i += Character.charCount(cp);
        }
        for (int i = 0; i < decomposed.length();) {
            int cp = decomposed.codePointAt(i);
            if (confusable(cp) != cp) {
                return describe(cp);
            }
            i += Character.charCount(cp);
        }
        return "\"rn\"";
    }

    /** "U+0430 CYRILLIC SMALL LETTER A". */
    static String describe(int cp) {
        String name = Character.getName(cp);
        return String.format(Locale.ROOT, "U+%04X%s", cp, name == null ? "" : " " + name);
    }

}
