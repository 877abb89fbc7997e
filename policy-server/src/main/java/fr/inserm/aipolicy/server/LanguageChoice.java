package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import java.util.Locale;

/**
 * Which language to answer in: the {@code lang} query parameter when given ({@code en} or
 * {@code fr}, anything else refused), otherwise the preferred of English and French in
 * {@code Accept-Language}, otherwise English.
 */
final class LanguageChoice {
    private LanguageChoice() {
    }

    /**
     * @param lang the {@code lang} query parameter, or null
     * @param acceptLanguage the {@code Accept-Language} header, or null
     * @return the language
     * @throws InvalidUsageException naming {@code lang} when it is neither {@code en} nor {@code fr}
     */
    static Language choose(String lang, String acceptLanguage) {
        if (lang != null) {
            try {
                return Language.of(lang);
            } catch (InvalidUsageException e) {
                throw e.about("lang");
            }
        }
        return fromHeader(acceptLanguage);
    }

    /** The English or French range of highest weight; English on a tie, when neither, or when malformed. */
    static Language fromHeader(String header) {
        if (header == null || header.length() > 1000) {
            return Language.EN;
        }
        Language best = Language.EN;
        double bestWeight = 0;
        for (String part : header.split(",")) {
            String[] pieces = part.strip().split(";");
            String range = pieces[0].strip().toLowerCase(Locale.ROOT);
            double weight = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            String primary = range.contains("-") ? range.substring(0, range.indexOf('-')) : range;
            Language language = primary.equals("fr") ? Language.FR : primary.equals("en") ? Language.EN : null;
            if (language != null && weight > bestWeight) {
                best = language;
                bestWeight = weight;
            }
        }
        return best;
    }
}
