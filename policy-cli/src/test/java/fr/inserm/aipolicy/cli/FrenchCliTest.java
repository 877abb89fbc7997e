package fr.inserm.aipolicy.cli;

import static fr.inserm.aipolicy.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.cli.CliTestSupport.Run;
import fr.inserm.aipolicy.testing.FrenchRefusals;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * With {@code --lang fr} the command line refuses in French (the field names as they are, the sentence
 * French), one refusal of each kind, and its text output shows each cited clause in French, a
 * translation marked as such with the source's words beside it.
 */
class FrenchCliTest {
    private static final String CLOUD = "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"CLOUD\", \"dataCategories\": [],"
            + " \"purpose\": \"WRITING\"}";
    private static final String CHATGPT = "{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"EXTERNAL\","
            + " \"dataCategories\": [\"UNPUBLISHED_RESEARCH\"], \"purpose\": \"WRITING\"}";

    @Test
    void oneUsageIsRefusedInFrench() {
        Run r = run(CLOUD, "evaluate", "--lang", "fr", "-");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("aipolicy : usage refusé : hosting : \"CLOUD\" n’est pas une valeur acceptée ; valeurs acceptées :"
                + " LOCAL, INTERNAL, EXTERNAL_SOVEREIGN, EXTERNAL", r.err().strip());
        // in English as it always was
        assertTrue(run(CLOUD, "evaluate", "-").err().contains("aipolicy: invalid usage: hosting: \"CLOUD\" is not an"
                + " accepted value; accepted: LOCAL"));
    }

    @Test
    void eachKindOfRefusalOfOneUsageReadsInFrench() {
        byte[] notUtf8 = "{\"tool\": {\"name\": \"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tooLarge = new byte[(1 << 20) + 10];
        Arrays.fill(tooLarge, (byte) ' ');
        for (byte[] input : new byte[][] {CLOUD.getBytes(StandardCharsets.UTF_8), notUtf8, tooLarge,
                "{\"tool\": {\"name\": \"x\"".getBytes(StandardCharsets.UTF_8),
                "{\"tool\": {\"name\": \"x\"}, \"purpose\": \"WRITING\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\","
                        + " \"colour\": \"red\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\":"
                        + " \"WRITING\"}").getBytes(StandardCharsets.UTF_8),
                "{\"tool\": {\"name\": \"x\"}}\n{\"tool\": {\"name\": \"y\"}}\n".getBytes(StandardCharsets.UTF_8)}) {
            Run r = run(input, "evaluate", "--lang", "fr", "-");
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("aipolicy : usage refusé : "), r.err());
            FrenchRefusals.assertFrench(r.err(), "aipolicy", "evaluate --batch");
        }
    }

    @Test
    void aBatchRefusesItsLinesInFrench() {
        String lines = CHATGPT + "\n" + CLOUD + "\n{\"id\": \"row-3\", \"usage\": " + CLOUD + "}\n";
        Run text = run(lines, "evaluate", "--batch", "--lang", "fr", "--output", "text", "-");
        String[] out = text.out().split("\n(?=ligne )");
        assertTrue(out[0].startsWith("ligne 1: INTERDIT"), text.out());
        assertTrue(out[1].startsWith("ligne 2: non décidé, usage refusé: hosting : \"CLOUD\" n’est pas une valeur"
                + " acceptée ; valeurs acceptées : LOCAL"), out[1]);
        assertTrue(out[2].startsWith("ligne 3 (row-3): non décidé, usage refusé: usage.hosting : \"CLOUD\" n’est pas"
                + " une valeur acceptée"), out[2]);
        for (int i = 1; i < 3; i++) {
            FrenchRefusals.assertFrench(out[i].strip(), "ligne");
        }
        Run json = run(lines, "evaluate", "--batch", "--lang", "fr", "-");
        assertTrue(json.out().contains("\"field\":\"hosting\",\"message\":\"hosting : \\\"CLOUD\\\" n’est pas une valeur"
                + " acceptée"), json.out());
    }

    @Test
    void theTextOutputShowsEachCitedClauseInFrenchMarkedAsATranslation() {
        Run r = run(CHATGPT, "evaluate", "--batch", "--lang", "fr", "--output", "text", "-");
        assertEquals(0, r.status(), r.err());
        // R4.1 is English at source: its French translation, marked, with the source's words beside it
        assertTrue(r.out().contains("\n  clause R4.1 (") && r.out().contains("Quel que soit le modèle utilisé, les"
                + " plateformes d’IA externes ne doivent jamais"), r.out());
        assertTrue(r.out().contains("[traduction non officielle ; original (en) : Regardless of the model used,"), r.out());
        // CNIL-4 is French at source: its own words, no translation mark
        assertTrue(r.out().contains("Choisir un système robuste"), r.out());
        Run en = run(CHATGPT, "evaluate", "--batch", "--output", "text", "-");
        assertTrue(en.out().contains("Choose a robust system and a secure mode of deployment")
                && en.out().contains("[unofficial translation; original (fr): Choisir un système robuste"), en.out());
    }
}
