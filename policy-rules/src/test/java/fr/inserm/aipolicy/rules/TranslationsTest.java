package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.json.PolicyJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every clause has an unofficial translation into the language its source is not written in, beside the
 * source's words (which {@link CatalogueTest} checks are still quoted from the seeds), and the policy
 * refuses to build when one is missing.
 */
class TranslationsTest {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    static List<Clause> clauses() {
        return CatalogueTest.clauses();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clauses")
    void isTranslatedIntoTheOtherLanguage(Clause clause) throws IOException {
        assertNotNull(clause.translation(), clause.id() + " has no translation");
        String other = clause.language().equals("en") ? "fr" : "en";
        assertEquals(other, clause.translation().language(), clause.id());
        assertFalse(clause.translation().text().isBlank(), clause.id());
        assertNotEquals(clause.text(), clause.translation().text(), clause.id());
        assertEquals(clause.text(), clause.textIn(clause.language()).orElseThrow(), "the source's words stay the text");
        assertEquals(clause.translation().text(), clause.textIn(other).orElseThrow());
        assertTrue(clause.translatedFor(other) && !clause.translatedFor(clause.language()));
    }

    /** A translation that dropped or changed a figure (a date, a model's size, a numbered step) is a wrong one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clauses")
    void keepsEveryFigureOfTheOriginal(Clause clause) {
        assertEquals(numbers(clause.text()), numbers(clause.translation().text()), clause.id());
    }

    /**
     * No seed holds an official version of a clause in the other language (the French page and the CNIL's
     * text restate none of the recommendations word for word), so every translation is unofficial; were
     * one quoted from a seed, it would have to be shipped as the source's own words, not as a translation.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clauses")
    void isNotPassedOffAsASourceText(Clause clause) throws IOException {
        for (String seed : List.of("000_be00a05ee82f2234.txt", "001_bb91f20f5579dd91.txt", "002_1a6c221afb484db6.txt",
                "003_5977ec6135dc9098.txt")) {
            String source;
            try (InputStream in = TranslationsTest.class.getClassLoader().getResourceAsStream("seeds/" + seed)) {
                source = collapse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertFalse(source.contains(collapse(clause.translation().text())), clause.id() + " is in " + seed);
        }
    }

    @Test
    void theJsonCarriesTheTranslationOneFieldAwayFromTheSourceWords() {
        Clause clause = ScenarioFilesTest.ENGINE.clause("R4.1").orElseThrow();
        String json = PolicyJson.writeClauses(List.of(clause));
        assertTrue(json.contains("\"text\" : \"" + clause.text().substring(0, 30)), json);
        assertTrue(json.contains("\"translation\" : {"), json);
        assertTrue(json.contains("\"official\" : false"), json);
        assertTrue(json.contains(clause.translation().text().substring(0, 30)), json);
    }

    @Test
    void aMissingTranslationFailsTheBuild(@TempDir Path copy) throws IOException {
        FrenchTextsTest.copyPolicy(copy);
        Path file = copy.resolve("translations.json");
        String json = Files.readString(file);
        // R4.3's entry removed: its id, language and text lines, and the comma before the next entry
        String without = json.replaceFirst("(?s)\\{\\s*\"id\": \"R4\\.3\".*?},\\s*", "");
        assertNotEquals(json, without);
        Files.writeString(file, without);
        PolicyBuildException e = assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().rulesFrom(copy).build());
        assertTrue(e.getMessage().contains("translations.json") && e.getMessage().contains("R4.3"), e.getMessage());
    }

    @Test
    void aTranslationInTheSourceLanguageFailsTheBuild(@TempDir Path copy) throws IOException {
        FrenchTextsTest.copyPolicy(copy);
        Path file = copy.resolve("translations.json");
        String json = Files.readString(file);
        String wrong = json.replaceFirst("(\"id\": \"CNIL-2\",\\s*\"language\": )\"en\"", "$1\"fr\"");
        assertNotEquals(json, wrong);
        Files.writeString(file, wrong);
        PolicyBuildException e = assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().rulesFrom(copy).build());
        assertTrue(e.getMessage().contains("CNIL-2"), e.getMessage());
    }

    @Test
    void aPolicyInFrenchWithoutTranslationsFailsTheBuild(@TempDir Path copy) throws IOException {
        FrenchTextsTest.copyPolicy(copy);
        Files.delete(copy.resolve("translations.json"));
        Path manifest = copy.resolve("policy.properties");
        Files.writeString(manifest, Files.readString(manifest).replace("translations.json", ""));
        PolicyBuildException e = assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().rulesFrom(copy).build());
        assertTrue(e.getMessage().contains("translations.json"), e.getMessage());
    }

    private static List<String> numbers(String text) {
        List<String> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(m.group());
        }
        numbers.sort(null);
        return numbers;
    }

    private static String collapse(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }
}
