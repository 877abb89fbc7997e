package fr.inserm.aipolicy.usage;

import fr.inserm.aipolicy.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The sentences of refusals in English and French, read once from the core's resources. Both files
 * hold the same keys (checked when first read, and by a test), so a refusal is never said in one
 * language only.
 */
final class RefusalTexts {
    private static final String FOLDER = "/fr/inserm/aipolicy/usage/";
    private static final Map<Language, Properties> TEXTS = load();

    private RefusalTexts() {
    }

    static void require(String key) {
        if (!TEXTS.get(Language.EN).containsKey(key)) {
            throw new IllegalArgumentException("no refusal text " + key + " in " + FOLDER + "refusals.properties");
        }
    }

    static boolean has(String key) {
        return TEXTS.get(Language.EN).containsKey(key);
    }

    static String text(String key, Language language) {
        return TEXTS.get(language).getProperty(key);
    }

    /** The keys of the texts, for tests. */
    static Set<String> keys() {
        return TEXTS.get(Language.EN).stringPropertyNames();
    }

    private static Map<Language, Properties> load() {
        Map<Language, Properties> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String file = language == Language.EN ? "refusals.properties" : "refusals_" + language.code() + ".properties";
            Properties properties = new Properties();
            try (InputStream in = RefusalTexts.class.getResourceAsStream(FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException(FOLDER + file + " is missing from policy-core");
                }
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            texts.put(language, properties);
        }
        Set<String> english = texts.get(Language.EN).stringPropertyNames();
        for (Language language : Language.values()) {
            if (!texts.get(language).stringPropertyNames().equals(english)) {
                throw new IllegalStateException("the refusal texts in " + language.code() + " do not have the keys of"
                        + " the English ones");
            }
        }
        return texts;
    }
}
