package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The words of cards and summaries in one language, from {@code card.properties} or
 * {@code card_fr.properties}: what the policy's own texts lack (headings, verdicts, the names of
 * hostings, purposes and data categories). A missing key throws: a raw code is never shown instead.
 */
final class CardText {

    private static final Map<Language, CardText> CACHE = new EnumMap<>(Language.class);

    private final Language language;
    private final ResourceBundle bundle;

    private CardText(Language language) {
        this.language = language;
        // No fall-back to the machine's default locale: English is the base bundle, French its child.
        this.bundle = ResourceBundle.getBundle("fr.inserm.aipolicy.notebook.card", language.locale(),
                CardText.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static synchronized CardText of(Language language) {
        return CACHE.computeIfAbsent(Objects.requireNonNull(language, "language"), CardText::new);
    }

    Language language() {
        return language;
    }

    String get(String key) {
        return format(key);
    }

    String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), language.locale()).format(args);
    }

    String verdict(Verdict verdict) {
        return get("verdict." + verdict.name());
    }

    String meaning(Verdict verdict) {
        return get("meaning." + verdict.name());
    }

    String hosting(Hosting hosting) {
        return get("hosting." + hosting.name());
    }

    String purpose(Purpose purpose) {
        return get("purpose." + purpose.name());
    }

    String data(DataCategory category) {
        return get("data." + category.name());
    }

    String contact(fr.inserm.aipolicy.decision.Contact contact) {
        return get("contact." + contact.name());
    }

    /** A number as this language writes it: 0.11 in English, 0,11 in French. */
    String number(double value) {
        String plain = Markup.number(value);
        return language == Language.FR ? plain.replace('.', ',') : plain;
    }

    /** A usage on one line: tool (and size), hosting, purpose, data categories; plain text, not escaped. */
    String describe(Usage usage) {
        String data = usage.dataCategories().isEmpty() ? get("usage.noData")
                : format("usage.data", usage.dataCategories().stream().map(this::data).collect(Collectors.joining(", ")));
        String tool = usage.tool().parametersBillions() == null ? usage.tool().name()
                : format("usage.size", usage.tool().name(), number(usage.tool().parametersBillions()));
        String dot = " " + get("usage") + " ";
        return tool + dot + hosting(usage.hosting()) + dot + purpose(usage.purpose()) + dot + data;
    }
}
