package fr.inserm.aipolicy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * In French, a decision card shows each cited clause in French: the source's words for a French clause, an
 * unofficial translation marked as such for an English one, with the source's words under it; and an
 * audit in French refuses in French.
 */
class FrenchNotebookTest {
    private static final PolicyEngine ENGINE = PolicyEngine.builder().build();
    private static final Usage DRAFT = Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
            .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING)
            .context(Context.builder().userTrained(true).build()).build();

    @Test
    void aFrenchCardMarksEachTranslationAndKeepsTheOriginal() {
        DecisionCard card = DecisionCard.decide(ENGINE, DRAFT, Locale.FRENCH);
        String html = card.html();
        // R4.1 is English at source: the French translation first, marked, then the source's words
        int translation = html.indexOf("Quel que soit le modèle utilisé");
        int mark = html.indexOf("traduction non officielle", translation);
        int original = html.indexOf("Regardless of the model used", translation);
        assertTrue(translation > 0 && mark > translation && original > mark, html);
        // CNIL-4 is French at source: its words once, no mark
        int cnil = html.indexOf("data-clause=\"CNIL-4\"");
        String cnilBlock = html.substring(cnil, html.indexOf("</div>\n", html.indexOf("</blockquote>", cnil)));
        assertFalse(cnilBlock.contains("traduction non officielle"), cnilBlock);
        assertTrue(cnilBlock.contains("Choisir un système robuste"), cnilBlock);
        String markdown = card.markdown();
        assertTrue(markdown.contains("*traduction non officielle* \u2014 texte original (en) :"), markdown);
        // in English, the French clause is translated and the English ones are not
        String english = DecisionCard.decide(ENGINE, DRAFT, Locale.ENGLISH).html();
        assertTrue(english.contains("Choose a robust system") && english.contains("unofficial translation"), english);
        long french = ENGINE.evaluate(DRAFT).citations().stream().filter(c -> c.language().equals("fr")).count();
        assertTrue(french >= 1);
        assertEquals(french, count(english, "unofficial translation"), "only the French clauses are translated for"
                + " an English reader");
    }

    @Test
    void anAuditInFrenchRefusesInFrench() {
        List<InventoryEntry> entries = InventoryAudit.parse(List.of(
                "{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"LOCAL\",\"dataCategories\":[],\"purpose\":\"WRITING\"}"));
        InventoryAudit french = InventoryAudit.run(ENGINE, entries, Locale.FRENCH);
        String error = french.results().get(0).entry().error();
        assertTrue(error.startsWith("hosting : "), error);
        InventoryAudit english = InventoryAudit.run(ENGINE, entries, Locale.ENGLISH);
        assertTrue(english.results().get(0).entry().error().startsWith("hosting: "),
                english.results().get(0).entry().error());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
