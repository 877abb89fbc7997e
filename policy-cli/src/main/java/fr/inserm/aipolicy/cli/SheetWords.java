package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The words of a spreadsheet inventory in English or French ({@code sheet.properties},
 * {@code sheet_fr.properties}): the columns' labels, the decision's column names, and the refusals of
 * cells, rows and headers. A column is named by its field path ({@link CsvInventory#columns()}, which
 * the core's {@code Context} record gives) or by its label in either language; the labels are looked
 * up for exactly those paths, so a context field the core adds needs its two labels here (a test
 * checks that every column has both).
 */
final class SheetWords {
    private static final Map<Language, SheetWords> LOADED = new EnumMap<>(Language.class);

    private final Language language;
    private final Properties words = new Properties();

    private SheetWords(Language language) {
        this.language = language;
        String name = language == Language.FR ? "sheet_fr.properties" : "sheet.properties";
        try (InputStream in = SheetWords.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the spreadsheet words are missing: " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                words.load(reader);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the spreadsheet words cannot be read: " + name, e);
        }
    }

    /** The words in a language (English when null). */
    static synchronized SheetWords of(Language language) {
        return LOADED.computeIfAbsent(language == null ? Language.EN : language, SheetWords::new);
    }

    Language language() {
        return language;
    }

    /** A text with its {@code {0}}, {@code {1}}… filled (apostrophes are plain text). */
    String word(String key, Object... args) {
        String text = words.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no spreadsheet word " + key + " in " + language);
        }
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = args[i] instanceof Number ? args[i].toString() : args[i]; // 65536, not 65,536
        }
        return args.length == 0 ? text : new MessageFormat(text.replace("'", "''"), Locale.ROOT).format(plain);
    }

    /** A column's label, or null when it has none in this language. */
    String label(String path) {
        return words.getProperty("column." + path);
    }

    /**
     * Every name a header cell may give each column, normalised ({@link #normalise}): the field path
     * and its labels in English and French, mapped to the field path.
     */
    static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String path : CsvInventory.columns()) {
            names.put(normalise(path), path);
        }
        for (Language language : List.of(Language.EN, Language.FR)) {
            for (String path : CsvInventory.columns()) {
                String label = of(language).label(path);
                if (label != null) {
                    names.putIfAbsent(normalise(label), path);
                }
            }
        }
        return names;
    }

    /** The labels of every column in one language, in column order. */
    static List<String> labels(Language language) {
        List<String> labels = new ArrayList<>();
        for (String path : CsvInventory.columns()) {
            String label = of(language).label(path);
            if (label != null) {
                labels.add(label);
            }
        }
        return labels;
    }

    /**
     * A header as compared: without accents, case, spaces, punctuation or apostrophes, so that
     * {@code Hébergement}, {@code HEBERGEMENT} and {@code hébergement } are one name, and
     * {@code tool.name}, {@code Tool Name} and {@code tool_name} another.
     */
    static String normalise(String header) {
        String plain = Normalizer.normalize(header, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '\uFFFD') {
                kept.append(Character.toLowerCase(c));
            }
        }
        return kept.toString();
    }

    /** The known name nearest to an unknown header (by edit distance on the normalised names). */
    static String nearest(String header, List<String> known) {
        String target = normalise(header);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = distance(target, normalise(name));
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best != null && bestDistance <= Math.max(3, target.length() / 2) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
