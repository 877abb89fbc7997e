package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Usage;
import java.util.List;
import java.util.Locale;

/**
 * Escaping and the few shared pieces of presentation (verdict colours and labels) used by the
 * notebook display helpers.
 */
public final class Markup {

    private Markup() {
    }

    /**
     * Escapes text for HTML element content and attribute values (double- or single-quoted).
     *
     * @param text the text; null gives an empty string
     * @return the text with {@code & < > " '} replaced by character references
     */
    public static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Escapes text for Markdown (CommonMark, GitHub flavour), inside a paragraph, a list item or a
     * table cell: Markdown punctuation gets a backslash, HTML-significant characters become
     * character references, and line breaks become spaces.
     *
     * @param text the text; null gives an empty string
     * @return the escaped text
     */
    public static String markdown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r', '\n' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The colour that stands for a verdict: green, amber or red.
     *
     * @param verdict the verdict
     * @return a CSS hexadecimal colour
     */
    public static String colour(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> "#1b7f3b";
            case ESCALATE -> "#b26a00";
            case DENY -> "#b3261e";
        };
    }

    /**
     * A symbol for a verdict, readable without colour. Plain text symbols that Debian's DejaVu fonts
     * draw (no emoji, which many Linux desktops show as empty boxes).
     *
     * @param verdict the verdict
     * @return a check mark, a warning sign or a ballot cross
     */
    public static String symbol(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> "\u2713";
            case ESCALATE -> "\u26a0";
            case DENY -> "\u2717";
        };
    }

    /**
     * What a verdict means for the person who asked, in a few words, in English.
     *
     * @param verdict the verdict
     * @return the meaning in English
     */
    public static String meaning(Verdict verdict) {
        return CardText.of(Language.EN).meaning(verdict);
    }

    /**
     * Describes a usage on one line, in English: tool, hosting, purpose and data categories, by their
     * names for a person.
     *
     * @param usage the usage
     * @return plain text, not escaped
     */
    public static String describe(Usage usage) {
        return CardText.of(Language.EN).describe(usage);
    }

    /**
     * Describes a usage on one line in a language.
     *
     * @param usage the usage
     * @param locale English or French
     * @return plain text, not escaped
     * @throws fr.inserm.aipolicy.usage.InvalidUsageException naming {@code language} for another language
     */
    public static String describe(Usage usage, Locale locale) {
        return CardText.of(Language.of(locale)).describe(usage);
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String joined(List<String> ids) {
        return String.join(", ", ids);
    }
}
