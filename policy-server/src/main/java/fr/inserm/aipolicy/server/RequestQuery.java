package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.usage.Wording;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a parameter of a request's query ({@code ?lang=fr}) strictly: a {@code %} must be followed by
 * two hexadecimal digits, and the escaped bytes must be UTF-8. Anything else is a
 * {@link Unreadable} naming the parameter (or {@code (query)}) and the problem in plain words,
 * answered 400 as any field not understood, never a failure of the server.
 */
final class RequestQuery {
    private RequestQuery() {
    }

    /** A query the server cannot read: the parameter's name, or {@code (query)}, and what is wrong. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final transient Wording wording;

        Unreadable(String field, Wording wording) {
            super(wording.in(Language.EN), null, false, false);
            this.field = field;
            this.wording = wording;
        }

        /** What is wrong, in the core's refusal texts: said in the caller's language. */
        Wording wording() {
            return wording;
        }

        /** The parameter's name, or {@code (query)} when its name itself cannot be read. */
        String field() {
            return field;
        }
    }

    /**
     * The value of the first parameter of that name, decoded.
     *
     * @param query the raw query, without the {@code ?}, or null
     * @param name the parameter's name
     * @return its value ({@code ""} when it has no {@code =}), or null when the query does not have it
     * @throws Unreadable when the parameter's name or value has a malformed escape or is not UTF-8
     */
    static String parameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            if (key.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            }
        }
        return null;
    }

    /**
     * Checks that every parameter's name and value can be decoded.
     *
     * @param query the raw query, without the {@code ?}
     * @throws Unreadable naming the first parameter that cannot
     */
    static void check(String query) {
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            if (eq >= 0) {
                decode(pair.substring(eq + 1), key);
            }
        }
    }

    /** Decodes {@code %XX} escapes and {@code +} as a space; what is decoded must be UTF-8. */
    static String decode(String text, String parameter) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new Unreadable(field(parameter), Wording.of("query.badEscape"));
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable(field(parameter), Wording.of("query.notUtf8"));
        }
    }

    private static String field(String parameter) {
        return parameter == null ? "(query)" : parameter;
    }
}
