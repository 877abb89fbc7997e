package fr.inserm.aipolicy;

import java.util.Arrays;
import java.util.List;

/** Input checks shared by the records, the builders and the JSON reader, so all say the same thing. */
final class Checks {
    /** The longest tool name accepted. */
    static final int MAX_TOOL_NAME_LENGTH = 200;
    /** The largest parameter count accepted, in billions (far beyond any published model). */
    static final double MAX_PARAMETERS_BILLIONS = 100_000;

    private Checks() {
    }

    static <T> T required(T value, String field, List<String> accepted) {
        if (value == null) {
            throw new InvalidUsageException(field, "required", accepted);
        }
        return value;
    }

    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    static String toolName(String name) {
        if (name == null) {
            throw new InvalidUsageException("tool.name", "required: a non-blank text", List.of());
        }
        if (name.isBlank()) {
            throw new InvalidUsageException("tool.name", "must not be blank", List.of());
        }
        if (name.length() > MAX_TOOL_NAME_LENGTH) {
            throw new InvalidUsageException("tool.name",
                    "too long (" + name.length() + " characters, at most " + MAX_TOOL_NAME_LENGTH + ")", List.of());
        }
        return name.strip();
    }

    static Double parametersBillions(Double value) {
        if (value != null && !(value >= 0 && value <= MAX_PARAMETERS_BILLIONS)) {
            throw new InvalidUsageException("tool.parametersBillions",
                    "must be a number from 0 to " + (long) MAX_PARAMETERS_BILLIONS + ", got " + value, List.of());
        }
        return value;
    }
}
