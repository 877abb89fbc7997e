package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.Usage;
import fr.inserm.aipolicy.Verdict;
import java.util.List;
import java.util.stream.Collectors;

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
     * A symbol for a verdict, readable without colour.
     *
     * @param verdict the verdict
     * @return a check mark, a warning sign or a no-entry sign
     */
    public static String symbol(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> "\u2705";
            case ESCALATE -> "\u26a0\ufe0f";
            case DENY -> "\u26d4";
        };
    }

    /**
     * What a verdict means for the person who asked, in a few words.
     *
     * @param verdict the verdict
     * @return the meaning in English
     */
    public static String meaning(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> "allowed, provided the obligations below are met";
            case ESCALATE -> "ask the contacts below before going ahead";
            case DENY -> "not allowed";
        };
    }

    /**
     * Describes a usage on one line: tool, hosting, purpose and data categories.
     *
     * @param usage the usage
     * @return plain text, not escaped
     */
    public static String describe(Usage usage) {
        String data = usage.dataCategories().isEmpty() ? "no data beyond the request"
                : usage.dataCategories().stream().map(Enum::name).collect(Collectors.joining(", "));
        String size = usage.tool().parametersBillions() == null ? ""
                : " (" + number(usage.tool().parametersBillions()) + "B parameters)";
        return usage.tool().name() + size + " \u00b7 " + usage.hosting() + " \u00b7 " + usage.purpose()
                + " \u00b7 data: " + data;
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String joined(List<String> ids) {
        return String.join(", ", ids);
    }
}
