package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Advice;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecisionCardTest {

    private static PolicyEngine engine;

    @BeforeAll
    static void buildEngine() {
        engine = PolicyEngine.builder().build();
    }

    private static void assertShowsEverything(String card, Decision decision) {
        assertTrue(card.contains("data-verdict=\"" + decision.verdict() + "\""), card);
        for (Clause clause : decision.citations()) {
            assertTrue(card.contains(Markup.html(clause.id())), "clause id " + clause.id());
            assertTrue(card.contains(Markup.html(clause.title())), "clause title " + clause.id());
            assertTrue(card.contains(Markup.html(clause.text())), "clause text " + clause.id());
        }
        for (Reason reason : decision.reasons()) {
            assertTrue(card.contains(Markup.html(reason.text())), "reason " + reason.rule());
        }
        for (Obligation o : decision.obligations()) {
            assertTrue(card.contains("data-obligation=\"" + o.id() + "\"") && card.contains(Markup.html(o.text())),
                    "obligation " + o.id());
        }
        for (Advice a : decision.advice()) {
            assertTrue(card.contains("data-advice=\"" + a.id() + "\"") && card.contains(Markup.html(a.text())),
                    "advice " + a.id());
        }
        for (Contact c : decision.escalateTo()) {
            assertTrue(card.contains(Markup.html(c.description())), "contact " + c);
        }
    }

    @Test
    void denyCardShowsVerdictReasonsAndClauseTexts() {
        Usage usage = Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING).build();
        Decision decision = engine.evaluate(usage);
        assertEquals(Verdict.DENY, decision.verdict());
        String card = DecisionCard.html(usage, decision);
        assertShowsEverything(card, decision);
        assertTrue(card.contains("ChatGPT \u00b7 external platform \u00b7 writing \u00b7 data: unpublished research"), card);
        assertTrue(card.contains("\u2717 Not allowed"), card);
        assertFalse(card.contains("Obligations"), "a DENY has no obligations section");
    }

    @Test
    void escalateCardShowsWhomToAsk() {
        Usage usage = Usage.builder().tool("Mistral API").hosting(Hosting.EXTERNAL_SOVEREIGN)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.AUTOMATED_PROCESSING)
                .context(Context.builder().dpiaCompleted(false).userTrained(true).build()).build();
        Decision decision = engine.evaluate(usage);
        assertEquals(Verdict.ESCALATE, decision.verdict());
        assertFalse(decision.escalateTo().isEmpty());
        String card = DecisionCard.html(usage, decision);
        assertShowsEverything(card, decision);
        assertTrue(card.contains("Whom to ask"));
        String md = DecisionCard.markdown(usage, decision);
        assertTrue(md.startsWith("### " + Markup.symbol(Verdict.ESCALATE) + " Ask first \u2014 "), md);
        for (Contact c : decision.escalateTo()) {
            assertTrue(md.contains(Markup.markdown(c.description())), md);
        }
    }

    @Test
    void allowCardShowsObligationsAndAdvice() {
        Usage usage = Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.WRITING)
                .context(Context.builder().userTrained(true).forPublication(true).build()).build();
        Decision decision = engine.evaluate(usage);
        assertEquals(Verdict.ALLOW, decision.verdict());
        assertFalse(decision.obligations().isEmpty());
        assertFalse(decision.advice().isEmpty());
        String card = DecisionCard.html(decision);
        assertShowsEverything(card, decision);
        String md = DecisionCard.markdown(decision);
        for (Obligation o : decision.obligations()) {
            assertTrue(md.contains(Markup.markdown(o.text())), md);
        }
        for (Clause c : decision.citations()) {
            assertTrue(md.contains("**" + Markup.markdown(c.id()) + "**"), md);
        }
    }

    @Test
    void everythingFromTheDecisionAndUsageIsEscaped() {
        Clause clause = new Clause("X<1>", "Source & co", "\u00a71 <i>", "Title \"quoted\"", "en",
                "Text with <script>alert('x')</script> & more");
        Decision decision = new Decision(Verdict.ESCALATE, List.of(clause),
                List.of(new Reason("R<b>", Verdict.ESCALATE, "because <img src=x>", List.of("X<1>"))),
                List.of(new Obligation("O<1>", "do <this>", List.of("X<1>"), List.of("R<b>"))),
                List.of(new Advice("A<1>", "consider <that>", List.of("X<1>"), List.of("R<b>"))),
                List.of(Contact.DPO), "1.0<", "sha256:<x>", List.of("R<b>"));
        Usage usage = Usage.builder().tool("<script>evil()</script>").hosting(Hosting.LOCAL)
                .purpose(Purpose.OTHER).build();
        String card = DecisionCard.html(usage, decision);
        assertFalse(card.contains("<script"), card);
        assertFalse(card.contains("<img"), card);
        assertTrue(card.contains("\u00a71 &lt;i&gt;"), card);
        assertFalse(card.contains("<this>"), card);
        assertTrue(card.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), card);
        assertTrue(card.contains("&lt;script&gt;evil()&lt;/script&gt;"), card);
        String md = DecisionCard.markdown(usage, decision);
        assertFalse(md.contains("<script"), md);
        assertFalse(md.contains("<img"), md);
    }
}
