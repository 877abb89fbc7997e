package fr.inserm.aipolicy.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Unicode's confusables data (UTS #39): the skeleton of each code point, read from the resource
 * {@code confusables.txt} that {@code ConfusablesDataTest} derives from ICU4J and checks against it.
 * About 13,000 code points are listed (Hangul syllables are decomposed by Unicode's algorithm instead),
 * held in three arrays (about 150 KB), read once.
 */
final class Confusables {
    static final String RESOURCE = "confusables.txt";
    /** The skeleton of each ASCII character, so that ASCII names never search the table. */
    private static final String[] ASCII = new String[128];
    private static final int[] CODE_POINTS;
    /** Where each code point's skeleton starts in {@link #SKELETONS}; one more entry marks the end. */
    private static final int[] STARTS;
    private static final char[] SKELETONS;
    /** The data's source, as the resource's header says: "ICU4J 79.1.0.0 (Unicode 18.0.0.0)". */
    private static final String SOURCE;

    static {
        byte[] bytes;
        try (InputStream in = Confusables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing beside " + Confusables.class);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // read from the bytes in one pass, no line or string made: the engine's build pays for this once
        int[] codePoints = new int[16_384];
        int[] starts = new int[16_385];
        char[] skeletons = new char[32_768];
        int count = 0;
        int length = 0;
        String source = "unknown";
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] == '#') {
                int lineEnd = i;
                while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
                    lineEnd++;
                }
                String comment = new String(bytes, i, lineEnd - i, StandardCharsets.US_ASCII);
                int from = comment.indexOf("ICU4J ");
                if (from >= 0 && source.equals("unknown")) {
                    source = comment.substring(from, comment.indexOf(')', from) + 1);
                }
                i = lineEnd + 1;
                continue;
            }
            if (count == codePoints.length) {
                codePoints = Arrays.copyOf(codePoints, count * 2);
                starts = Arrays.copyOf(starts, count * 2 + 1);
            }
            starts[count] = length;
            boolean first = true;
            while (i < bytes.length && bytes[i] != '\n') {
                int value = 0;
                for (; i < bytes.length && bytes[i] != ' ' && bytes[i] != '\n'; i++) {
                    value = value * 16 + Character.digit(bytes[i], 16);
                }
                if (first) {
                    codePoints[count] = value;
                    first = false;
                } else {
                    if (length + 2 > skeletons.length) {
                        skeletons = Arrays.copyOf(skeletons, skeletons.length * 2);
                    }
                    length += Character.toChars(value, skeletons, length);
                }
                if (i < bytes.length && bytes[i] == ' ') {
                    i++;
                }
            }
            i++;
            count++;
        }
        starts[count] = length;
        CODE_POINTS = Arrays.copyOf(codePoints, count);
        STARTS = Arrays.copyOf(starts, count + 1);
        SKELETONS = Arrays.copyOf(skeletons, length);
        SOURCE = source;
        for (int c = 0; c < 128; c++) {
            ASCII[c] = lookUp(c);
        }
    }

    private Confusables() {
    }

    /**
     * The skeleton of one code point: NFD, each character's prototype in the data, NFD again.
     *
     * @param cp a code point
     * @return its skeleton; the code point itself when the data leaves it alone
     */
    static String prototype(int cp) {
        return cp < 128 ? ASCII[cp] : lookUp(cp);
    }

    private static String lookUp(int cp) {
        if (hangulSyllable(cp)) {
            // Unicode's algorithm (chapter 3.12): a syllable is its leading consonant, vowel and trailing consonant
            int s = cp - 0xAC00;
            String out = prototype(0x1100 + s / 588) + prototype(0x1161 + (s % 588) / 28);
            return s % 28 == 0 ? out : out + prototype(0x11A7 + s % 28);
        }
        int i = Arrays.binarySearch(CODE_POINTS, cp);
        return i < 0 ? new String(Character.toChars(cp)) : new String(SKELETONS, STARTS[i], STARTS[i + 1] - STARTS[i]);
    }

    /** Whether a code point is a precomposed Hangul syllable, which the resource leaves out. */
    static boolean hangulSyllable(int cp) {
        return cp >= 0xAC00 && cp <= 0xD7A3;
    }

    /**
     * Tells whether the data maps a code point to anything but itself.
     *
     * @param cp a code point
     * @return true when its skeleton is another text
     */
    static boolean mapped(int cp) {
        return Arrays.binarySearch(CODE_POINTS, cp) >= 0;
    }

    /**
     * Where the data comes from, for messages and the catalogue's description.
     *
     * @return for example {@code ICU4J 79.1.0.0 (Unicode 18.0.0.0)}
     */
    static String source() {
        return SOURCE;
    }
}
