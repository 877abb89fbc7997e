package fr.inserm.aipolicy.tools;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How tool names are read and compared (the policy's section 5), each name read once into its words:
 *
 * <ol>
 *   <li>Each character's skeleton is taken from Unicode's confusables data ({@link Confusables}, UTS #39:
 *       NFD, prototype, NFD), on the name as typed, before any case folding or NFKC.
 *   <li>Words are the runs of characters whose skeleton holds a letter or digit; everything else
 *       separates them: a character that looks like punctuation separates like it (U+02BC "ʼ" looks
 *       like an apostrophe), and so does every dash (U+2014 "—" too, which the data pairs with a
 *       katakana mark). Combining marks belong to the word they follow.
 *   <li>A word has two forms. Its <em>real</em> form is what it says: Unicode NFKC, case folding,
 *       letters, digits and marks ("Chat-GPT" and "chatgpt" are one name). Its <em>key</em> is what it
 *       looks like: the letters and digits of its skeleton, marks left out, each folded to lower case
 *       and then read through the catalogue's {@link Folding}, so that comparing keys ignores case without
 *       letting case folding turn a look-alike into an innocent letter.
 *   <li>A name is <em>plain</em> when it holds nothing but letters, digits, marks, spaces and
 *       punctuation: a symbol, emoji or arrow makes it another name than any catalogued one.
 * </ol>
 */
final class ToolNames {
    private ToolNames() {
    }

    /**
     * One word of a name.
     *
     * @param real its real form: NFKC, case folded, letters, digits and marks
     * @param key its look: the skeleton's letters and digits, folded
     * @param digits for each char of the key, whether it comes from a digit of the name
     * @param start where the word starts in the name
     * @param end where it ends
     * @param before the skeleton of what separates it from the word before (empty for the first word)
     * @param dashBefore whether what separates it from the word before is a single dash
     */
    record Word(String real, String key, boolean[] digits, int start, int end, String before, boolean dashBefore) {
    }

    /**
     * A name read into words.
     *
     * @param text the name
     * @param words its words, in order
     * @param plain whether it holds nothing but letters, digits, marks, spaces and punctuation
     */
    record Reading(String text, List<Word> words, boolean plain) {
        /** The real forms of the words, joined: the name's compact form. */
        String compact() {
            StringBuilder out = new StringBuilder();
            words.forEach(w -> out.append(w.real()));
            return out.toString();
        }
    }

    /** Reads a name into words, with keys read through a catalogue's folding. */
    static Reading read(String name, Folding folding) {
        List<Word> words = new ArrayList<>(4);
        StringBuilder key = new StringBuilder(name.length() + 8);
        Flags digits = new Flags();
        StringBuilder between = new StringBuilder();
        int separators = 0;
        boolean dash = false;
        boolean plain = true;
        int start = -1;
        int end = -1;
        for (int i = 0; i < name.length();) {
            int cp = name.codePointAt(i);
            int next = i + Character.charCount(cp);
            int type = Character.getType(cp);
            plain &= plain(cp, type);
            String skeleton = Confusables.prototype(cp);
            boolean letterLike = hasLetterOrDigit(skeleton);
            if (mark(type) && !letterLike) {
                if (start >= 0) {
                    end = next; // a mark belongs to the word it follows
                }
                i = next;
                continue;
            }
            // a dash separates, though the data pairs some with a letter ("—" with "ー"), unless it imitates
            // a Latin letter or digit ("︱" looks like l)
            boolean separator = !letterLike || type == Character.DASH_PUNCTUATION && !(skeleton.length() == 1
                    && skeleton.charAt(0) < 0x80);
            if (separator) {
                if (start >= 0) {
                    words.add(word(name, start, end, key, digits, between.toString(), separators == 1 && dash));
                    start = -1;
                    between.setLength(0);
                    separators = 0;
                }
                appendSeparator(between, skeleton);
                separators++;
                dash = type == Character.DASH_PUNCTUATION;
            } else {
                boolean digit = Character.isDigit(cp) || type == Character.OTHER_NUMBER;
                for (int j = 0; j < skeleton.length();) {
                    int p = skeleton.codePointAt(j);
                    j += Character.charCount(p);
                    if (Character.isLetterOrDigit(p)) {
                        if (start < 0) {
                            start = i;
                        }
                        int before = key.length();
                        folding.append(key, p);
                        for (int k = before; k < key.length(); k++) {
                            digits.set(k, digit || Character.isDigit(key.charAt(k)));
                        }
                    } else if (!mark(Character.getType(p))) {
                        // a character whose skeleton is letters and punctuation ("⑴"): the punctuation separates
                        if (start >= 0) {
                            words.add(word(name, start, next, key, digits, between.toString(), separators == 1 && dash));
                            start = -1;
                            between.setLength(0);
                            separators = 0;
                        }
                        between.appendCodePoint(p);
                        separators++;
                        dash = false;
                    }
                }
                if (start >= 0) {
                    end = next;
                }
            }
            i = next;
        }
        if (start >= 0) {
            words.add(word(name, start, end, key, digits, between.toString(), separators == 1 && dash));
        }
        return new Reading(name, List.copyOf(words), plain);
    }

    private static void appendSeparator(StringBuilder between, String skeleton) {
        for (int j = 0; j < skeleton.length();) {
            int p = skeleton.codePointAt(j);
            if (!mark(Character.getType(p))) {
                between.appendCodePoint(p);
            }
            j += Character.charCount(p);
        }
    }

    private static Word word(String name, int start, int end, StringBuilder key, Flags digits, String before,
            boolean dashBefore) {
        Word word = new Word(real(name.substring(start, end)), key.toString(), Arrays.copyOf(digits.flags, key.length()),
                start, end, before, dashBefore);
        key.setLength(0);
        return word;
    }

    /** A growing array of flags, one per char of a key. */
    private static final class Flags {
        boolean[] flags = new boolean[32];

        void set(int index, boolean value) {
            if (index >= flags.length) {
                flags = Arrays.copyOf(flags, Math.max(index + 1, flags.length * 2));
            }
            flags[index] = value;
        }
    }

    /**
     * NFKC, case folding (upper then lower case: ß and ẞ fold to ss, ς to σ), letters, digits (letter
     * numbers such as "〇" too) and marks.
     */
    static String real(String text) {
        String normal = ascii(text) ? text.toLowerCase(Locale.ROOT)
                : Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        StringBuilder out = null;
        for (int i = 0; i < normal.length();) {
            int cp = normal.codePointAt(i);
            int next = i + Character.charCount(cp);
            int type = Character.getType(cp);
            boolean kept = Character.isLetterOrDigit(cp) || mark(type) || type == Character.LETTER_NUMBER;
            if (!kept && out == null) {
                out = new StringBuilder(normal.length()).append(normal, 0, i);
            } else if (kept && out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? normal : out.toString();
    }

    /** The compact form of a name: its words' real forms joined ("Chat GPT" and "chat-gpt" are "chatgpt"). */
    static String compact(String name) {
        return read(name, Folding.NONE).compact();
    }

    /** The words' real forms (for tests). */
    static List<String> words(String name) {
        return read(name, Folding.NONE).words().stream().map(Word::real).toList();
    }

    /** The key of a text as one word: what it looks like, folded (for tests and the catalogue's check). */
    static String key(String text, Folding folding) {
        StringBuilder out = new StringBuilder();
        read(text, folding).words().forEach(w -> out.append(w.key()));
        return out.toString();
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLetterOrDigit(String text) {
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    static boolean mark(int type) {
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** Letters, digits, marks, spaces and punctuation: what a catalogued name may be written with. */
    private static boolean plain(int cp, int type) {
        return Character.isLetterOrDigit(cp) || mark(type) || type == Character.SPACE_SEPARATOR
                || switch (type) {
                    case Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                            Character.CONNECTOR_PUNCTUATION, Character.OTHER_PUNCTUATION,
                            Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                };
    }

    /**
     * The first character of a part of a name that its key reads as another, for a message: "U+0430
     * CYRILLIC SMALL LETTER A"; or the part quoted when only ordinary letters differ ("rn" for "m").
     */
    static String firstLookAlike(String name, int start, int end) {
        String fallback = null;
        for (int i = start; i < end;) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            String self = new String(Character.toChars(cp));
            String prototype = Confusables.prototype(cp);
            if (cp > 0x7F && (!prototype.equals(self) || !real(self).equals(self.toLowerCase(Locale.ROOT)))) {
                return describe(cp);
            }
            // among ASCII, only a character read as another single one: 0, 1, I, | (not m, read as "rn")
            if (fallback == null && cp <= 0x7F && prototype.length() == 1 && prototype.charAt(0) != cp) {
                fallback = describe(cp);
            }
        }
        return fallback != null ? fallback : "\"" + name.substring(start, end) + "\"";
    }

    /** "U+0430 CYRILLIC SMALL LETTER A". */
    static String describe(int cp) {
        String name = Character.getName(cp);
        return String.format(Locale.ROOT, "U+%04X%s", cp, name == null ? "" : " " + name);
    }

    /**
     * Case-insensitive comparison of skeletons for one catalogue's names. Folding a key to lower case is
     * not enough: the skeleton of "I" is "l" while that of "i" is "i", and the skeleton of "m" is "rn"
     * while that of "M" is "M", so "GEMINI" and "Gemini" would have different keys. For every letter of
     * the catalogue's names, the skeletons of its cases are made one: here "i" and "l" are one letter,
     * and "m" reads as "rn". Only the cases of the catalogue's own letters are joined, so letters of
     * other scripts cannot join two Latin letters (the Greek Ν and ν look like N and v, and n stays
     * apart from v).
     */
    static final class Folding {
        /** No joining: keys folded to lower case only. */
        static final Folding NONE = new Folding(Map.of());

        private final Map<Integer, String> joined;
        private final String[] ascii = new String[128];

        private Folding(Map<Integer, String> joined) {
            this.joined = joined;
            for (int c = 0; c < 128; c++) {
                int lower = Character.toLowerCase(c);
                ascii[c] = joined.getOrDefault(lower, String.valueOf((char) lower));
            }
        }

        /**
         * The folding for a catalogue's names.
         *
         * @param names every alias and tag of the catalogue
         * @return the folding that joins the skeletons of each of their letters' cases
         */
        static Folding of(Collection<String> names) {
            Set<Integer> letters = new TreeSet<>();
            for (String name : names) {
                for (int i = 0; i < name.length();) {
                    int cp = name.codePointAt(i);
                    if (Character.isLetterOrDigit(cp)) {
                        letters.add(cp);
                    }
                    i += Character.charCount(cp);
                }
            }
            Map<Integer, Integer> parent = new HashMap<>();
            Map<Integer, String> longer = new HashMap<>();
            for (int cp : letters) {
                String self = lowered(cp);
                for (int variant : new int[] {Character.toUpperCase(cp), Character.toLowerCase(cp),
                        Character.toTitleCase(cp)}) {
                    String other = variant == cp ? self : lowered(variant);
                    if (self.equals(other)) {
                        continue;
                    }
                    boolean selfOne = self.codePointCount(0, self.length()) == 1;
                    boolean otherOne = other.codePointCount(0, other.length()) == 1;
                    if (selfOne && otherOne) {
                        int a = root(parent, self.codePointAt(0));
                        int b = root(parent, other.codePointAt(0));
                        if (a != b) {
                            parent.put(Math.max(a, b), Math.min(a, b));
                        }
                    } else if (selfOne != otherOne) {
                        // "m" and "rn": the single letter reads as the longer skeleton
                        longer.put(selfOne ? self.codePointAt(0) : other.codePointAt(0), selfOne ? other : self);
                    }
                }
            }
            Map<Integer, String> joined = new HashMap<>();
            for (int cp : parent.keySet()) {
                joined.put(cp, new String(Character.toChars(root(parent, cp))));
            }
            longer.forEach((cp, text) -> {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < text.length();) {
                    int p = text.codePointAt(i);
                    out.append(joined.getOrDefault(p, new String(Character.toChars(p))));
                    i += Character.charCount(p);
                }
                joined.put(cp, out.toString());
            });
            return new Folding(Map.copyOf(joined));
        }

        /** The letters and digits of a code point's skeleton, each lowered. */
        private static String lowered(int cp) {
            String prototype = Confusables.prototype(cp);
            StringBuilder out = new StringBuilder(prototype.length());
            for (int i = 0; i < prototype.length();) {
                int p = prototype.codePointAt(i);
                if (Character.isLetterOrDigit(p)) {
                    out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(p)));
                }
                i += Character.charCount(p);
            }
            return out.toString();
        }

        private static int root(Map<Integer, Integer> parent, int cp) {
            Integer up = parent.get(cp);
            while (up != null && up != cp) {
                cp = up;
                up = parent.get(cp);
            }
            return cp;
        }

        /** Appends a letter or digit of a skeleton, lowered and joined. */
        void append(StringBuilder key, int cp) {
            if (cp < 128) {
                key.append(ascii[cp]);
                return;
            }
            int lower = Character.toLowerCase(Character.toUpperCase(cp));
            String with = joined.get(lower);
            if (with != null) {
                key.append(with);
            } else {
                key.appendCodePoint(lower);
            }
        }
    }
}
