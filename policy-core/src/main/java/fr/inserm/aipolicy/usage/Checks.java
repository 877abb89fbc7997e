package fr.inserm.aipolicy.usage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Input checks shared by the records, the builders and the JSON reader, so all say the same thing. */
final class Checks {
    /** The longest tool name accepted. */
    static final int MAX_TOOL_NAME_LENGTH = 200;
    static final double MAX_PARAMETERS_BILLIONS = Tool.MAX_PARAMETERS_BILLIONS;

    private Checks() {
    }

    static <T> T required(T value, String field, List<String> accepted) {
        if (value == null) {
            throw new InvalidUsageException(field, Wording.of("required"), accepted);
        }
        return value;
    }

    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    /**
     * Checks a tool name and strips its surrounding white space. Refuses a name that is blank once
     * invisible characters are left out, too long, or holding a character that cannot be read: a name
     * with a zero-width or bidi character displays as one tool and is compared as another.
     */
    static String toolName(String name) {
        if (name == null) {
            throw new InvalidUsageException("tool.name", Wording.of("required.text"), List.of());
        }
        String stripped = name.strip();
        boolean visible = stripped.codePoints().anyMatch(cp -> !unreadable(cp) && !Character.isWhitespace(cp)
                && !Character.isSpaceChar(cp));
        if (!visible) {
            throw new InvalidUsageException("tool.name", Wording.of("toolName.blank"), List.of());
        }
        if (name.length() > MAX_TOOL_NAME_LENGTH) {
            throw new InvalidUsageException("tool.name", Wording.of("tooLong", name.length(), MAX_TOOL_NAME_LENGTH),
                    List.of());
        }
        for (int i = 0, position = 1; i < stripped.length(); position++) {
            int cp = stripped.codePointAt(i);
            if (unreadable(cp)) {
                throw new InvalidUsageException("tool.name", Wording.of("toolName.unreadable", describe(cp), position),
                        List.of());
            }
            i += Character.charCount(cp);
        }
        return stripped;
    }

    static Double parametersBillions(Double value) {
        if (value != null && !(value >= 0 && value <= MAX_PARAMETERS_BILLIONS)) {
            throw new InvalidUsageException("tool.parametersBillions",
                    Wording.of("numberRange", (long) MAX_PARAMETERS_BILLIONS, value), List.of());
        }
        return value;
    }

    /** "U+200B ZERO WIDTH SPACE". */
    static String describe(int cp) {
        String name = Character.getName(cp);
        return String.format(Locale.ROOT, "U+%04X%s", cp, name == null ? "" : " " + name);
    }

    /**
     * Whether a character is invisible or cannot be read: a control or format character (zero-width
     * characters, bidi controls), a private-use or unassigned code point, a lone surrogate, or one of
     * the Hangul fillers and the grapheme joiner, which render as nothing but count as letters or marks.
     */
    static boolean unreadable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x034F;
        };
    }
}
