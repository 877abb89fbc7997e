package fr.inserm.aipolicy.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.PolicyBuildException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A malformed {@code tools.json} is refused in plain words: the file, the line and column, what is wrong. */
class ToolCatalogueFileTest {
    /** Words of the JSON parser's own sentences and of Java class names: none may reach a reader. */
    static final Pattern PARSER_WORDS = Pattern.compile("Unexpected|JsonParse|Exception|within/between|end-of-input"
            + "|was expecting|Jackson|fasterxml|token|\\(code |Source:|REDACTED|at \\[|Object entries|NullPointer",
            Pattern.CASE_INSENSITIVE);
    static final Pattern PLACE = Pattern.compile("test/tools\\.json, line (\\d+), column (\\d+): not valid JSON: (.+)");

    /**
     * Each damage applied to the test catalogue's text: the text to find, what replaces it, and words
     * the message must hold.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cut short | CUT | ends before every",
        "missing comma | \"kind\": \"platform\", \"aliases\" => \"kind\": \"platform\" \"aliases\" | comma",
        "trailing comma | \"generative\": true}, => \"generative\": true,}, | field name in double quotes",
        "missing colon | \"id\": \"chat\" => \"id\" \"chat\" | colon",
        "capital True | \"generative\": true} => \"generative\": True} | \"True\" is not a JSON value",
        "wrong bracket | \"EXTERNAL\"], \"generative\": true}, => \"EXTERNAL\"}, \"generative\": true}, | closing bracket",
        "tab in a text | \"ChatThing\", => \"Chat\tThing\", | control character",
        "bad escape | \"ChatThing\", => \"Chat\\qThing\", | unknown escape",
        "leading zero | 1.2 => 01.2 | malformed number",
        "text after the end | END | more text after the end"})
    void refusesAMalformedFileInPlainWords(String damage, String change, String expected) {
        String json = damaged(change);
        PolicyBuildException e = assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(json, "test"));
        String message = e.getMessage();
        Matcher place = PLACE.matcher(message);
        assertTrue(place.matches(), message);
        assertTrue(place.group(3).contains(expected), message);
        assertFalse(PARSER_WORDS.matcher(message).find(), message);
        assertNull(e.getCause(), "the parser's exception is not carried along: " + message);
        // the line is where the damage is (the file's text has one tool per two lines)
        int line = Integer.parseInt(place.group(1));
        assertTrue(line >= 1 && line <= json.split("\n", -1).length, message);
        if (change.contains("=>")) {
            String inserted = change.split("=>")[1].strip();
            int at = json.indexOf(inserted);
            int expectedLine = json.substring(0, at).split("\n", -1).length;
            assertTrue(Math.abs(line - expectedLine) <= 1, "line " + line + " for damage on line " + expectedLine
                    + ": " + message);
        }
    }

    private static String damaged(String change) {
        String json = ToolNamesTest.JSON;
        if (change.equals("CUT")) {
            return json.substring(0, json.length() / 2);
        }
        if (change.equals("END")) {
            return json + "\n{\"version\": \"again\"}\n";
        }
        String[] parts = change.split("=>");
        String from = parts[0].strip().replace("\\t", "\t");
        String to = parts[1].strip().replace("\t", "\t");
        assertTrue(json.contains(from), from);
        return json.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    @org.junit.jupiter.api.Test
    void aWellFormedFileIsRead() {
        assertEquals("t2", ToolCatalogue.parse(ToolNamesTest.JSON, "test").version());
    }
}
