package fr.inserm.aipolicy.usage;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Refusals are said in French for a caller that decides in French: the field path and the values as
 * they are, the sentence around them French, with no English word left (scanned), and the English
 * message as it always was.
 */
public class RefusalsInFrenchTest {
    /**
     * English words of the refusal texts that are not French words ("long", "large", "catalogue", "usage" and "a" are both): one of them in a French refusal, once
     * the field path, the quoted values and the codes are taken out, is an English sentence left in it.
     */
    public static final Set<String> ENGLISH = Set.of("the", "is", "must", "not", "be", "required", "accepted",
            "got", "field", "unknown", "too", "while", "reading", "line", "column", "value", "values", "text", "number",
            "array", "object", "empty", "characters", "character", "appears", "twice", "valid", "invalid",
            "at", "most", "of", "an", "only", "runs", "several", "places", "nested", "name",
            "type", "with", "save", "file", "as", "blank", "and", "or", "when", "purpose", "tool", "data", "that",
            "contradicts", "looks", "like", "exists", "write", "follows", "request", "ends", "early", "unexpected",
            "word", "quoted", "escaped", "inside", "one", "from", "to", "state", "generates", "content",
            "cannot", "more", "than", "bytes", "readable", "levels", "nesting", "control", "visible", "again");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9_]+\\b|U\\+[0-9A-F]+[A-Z ]*");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** A field path inside a sentence, such as {@code tool.name} or {@code dataCategories[1]}. */
    private static final Pattern PATH = Pattern.compile("\\b[a-z][A-Za-z]*(?:\\.[A-Za-z]+|\\[\\d+])+");

    /** The words of a French refusal that are English, once its field path, values and codes are left out. */
    public static List<String> englishWords(String frenchMessage, String field, List<String> acceptedValues) {
        String text = frenchMessage.replace(field, " ");
        for (String value : acceptedValues) {
            text = text.replace(value, " ");
        }
        text = PATH.matcher(CODE.matcher(QUOTED.matcher(text).replaceAll(" ")).replaceAll(" ")).replaceAll(" ");
        List<String> english = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (ENGLISH.contains(m.group())) {
                english.add(m.group());
            }
        }
        return english;
    }

    /** Asserts a refusal reads in French with no English word, and in English as its message. */
    public static void assertFrench(InvalidUsageException e) {
        String french = e.message(Language.FR);
        assertEquals(e.getMessage(), e.message(Language.EN));
        assertTrue(french.startsWith((e.field().equals("(request)") ? "(requête)" : e.field()) + " : "), french);
        assertEquals(List.of(), englishWords(french, e.field(), e.acceptedValues()), french);
        assertFalse(e.wording().verbatimOnly(), () -> "said in English only: " + e.getMessage());
        assertNotEquals(e.getMessage(), french);
    }

    @Test
    void everyTextHasBothLanguagesWithTheSamePlaceholders() {
        Pattern placeholder = Pattern.compile("\\{\\d}");
        for (String key : RefusalTexts.keys()) {
            Set<String> en = new TreeSet<>();
            Set<String> fr = new TreeSet<>();
            placeholder.matcher(RefusalTexts.text(key, Language.EN)).results().forEach(r -> en.add(r.group()));
            placeholder.matcher(RefusalTexts.text(key, Language.FR)).results().forEach(r -> fr.add(r.group()));
            assertEquals(en, fr, key);
        }
    }

    @Test
    void noFrenchTextHoldsAnEnglishWord() {
        for (String key : RefusalTexts.keys()) {
            String french = RefusalTexts.text(key, Language.FR);
            assertEquals(List.of(), englishWords(french, "\u0000", List.of()), key + "=" + french);
            if (!Set.of("verbatim", "then", "kind.null", "json.atSuffix").contains(key)) {
                assertNotEquals(RefusalTexts.text(key, Language.EN), french, key);
            }
        }
    }

    @Test
    void anUnknownKeyIsRefusedWhereTheWordingIsMade() {
        assertThrows(IllegalArgumentException.class, () -> Wording.of("no.such.key"));
    }

    @Test
    void eachRefusalOfTheJsonReaderReadsInFrench() {
        List<String> requests = List.of(
                "",
                "[1]",
                "{\"tool\": {\"name\": \"x\"}} 1",
                "{\"tool\": {\"name\": \"x\"}, \"tool\": {}}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"CLOUD\", \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\"}, \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": 3}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"\\u200b\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"a\\u200bb\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"" + "x".repeat(201) + "\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                        + " \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\", \"parametersBillions\": -1}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                        + " \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\", \"parametersBillions\": \"7\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                        + " \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\", \"generative\": \"yes\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                        + " \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\", \"generative\": false}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                        + " \"purpose\": \"IMAGE_GENERATION\"}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"SUMMARISATION\"}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": {}, \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [null], \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": 3}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\","
                        + " \"colour\": 1}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\","
                        + " \"context\": []}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\","
                        + " \"context\": {\"subscription\": \"FREE\"}}",
                "{\"tool\": {\"name\": \"x\", \"parametersBillions\": NaN}}",
                "{\"tool\": {\"name\": \"x\"",
                "{\"tool\": {\"name\": @}}",
                "{\"tool\": {\"name\": nope}}",
                "{\"tool\": {\"name\": \"a\u0001b\"}}",
                "{\"tool\": {\"parametersBillions\": 1" + "0".repeat(40) + "}}",
                "[".repeat(40) + "]".repeat(40),
                "{\"language\": 3, \"tool\": {\"name\": \"x\"}}",
                "{\"language\": \"de\", \"tool\": {\"name\": \"x\"}}",
                "{\"strict\": \"yes\", \"tool\": {\"name\": \"x\"}}",
                "{\"disclosure\": [], \"tool\": {\"name\": \"x\"}}",
                "{\"disclosure\": {\"colour\": \"red\"}, \"tool\": {\"name\": \"x\"}}",
                "{\"disclosure\": {\"role\": 3}, \"tool\": {\"name\": \"x\"}}",
                "{\"disclosure\": {\"role\": \"" + "r".repeat(1001) + "\"}, \"tool\": {\"name\": \"x\"}}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\","
                        + " \"unknownTop\": 1}");
        Set<String> keys = new TreeSet<>();
        for (String request : requests) {
            InvalidUsageException e = assertThrows(InvalidUsageException.class,
                    () -> PolicyJson.readRequest(request, ToolCatalogue.empty()), request);
            assertFrench(e);
            keys.add(e.wording().key());
        }
        assertTrue(keys.size() >= 20, "kinds of refusal seen: " + keys);
    }

    @Test
    void eachRefusalOfTheBuildersReadsInFrench() {
        List<Supplier<Object>> mistakes = List.of(
                () -> Tool.named(" "),
                () -> Tool.named(null),
                () -> new Tool("x", true, 1e9),
                () -> Usage.builder().tool("x").hosting(Hosting.LOCAL).purpose(Purpose.TRANSLATION).build(),
                () -> Usage.builder().tool("x").dataCategories(DataCategory.PUBLIC).purpose(Purpose.WRITING).build(),
                () -> Language.of("de"));
        for (Supplier<Object> mistake : mistakes) {
            assertFrench(assertThrows(InvalidUsageException.class, mistake::get));
        }
    }

    @Test
    void aFrenchRefusalNamesTheFieldAndTheValuesAsTheyAre() {
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> PolicyJson.readUsage(
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"CLOUD\", \"dataCategories\": [], \"purpose\": \"WRITING\"}"));
        assertEquals("hosting: \"CLOUD\" is not an accepted value; accepted: LOCAL, INTERNAL, EXTERNAL_SOVEREIGN, EXTERNAL",
                e.getMessage());
        assertEquals("hosting : \"CLOUD\" n’est pas une valeur acceptée ; valeurs acceptées : LOCAL, INTERNAL,"
                + " EXTERNAL_SOVEREIGN, EXTERNAL", e.message(Language.FR));
        assertEquals("\"CLOUD\" n’est pas une valeur acceptée", e.problem(Language.FR));
        InvalidUsageException moved = e.about("line 3: hosting");
        assertEquals("line 3: hosting", moved.field());
        assertEquals(e.problem(Language.FR), moved.problem(Language.FR));
    }

    @Test
    void aProblemGivenInEnglishOnlyIsSaidAsItIs() {
        InvalidUsageException e = new InvalidUsageException("x", "broken", List.of());
        assertTrue(e.wording().verbatimOnly());
        assertEquals("x : broken", e.message(Language.FR));
        assertEquals("x: broken", e.getMessage());
    }
}
