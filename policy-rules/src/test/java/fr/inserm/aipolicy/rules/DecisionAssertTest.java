package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static fr.inserm.aipolicy.testing.DecisionAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The assertions pass on what a decision holds and fail, showing the whole decision, on what it lacks. */
class DecisionAssertTest {
    static final PolicyEngine ENGINE = PolicyEngine.builder().build();
    static final Decision DENIED = ENGINE.evaluate(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
            .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING).build());
    static final Decision ESCALATED = ENGINE.evaluate(Usage.builder().tool("Gemini").hosting(Hosting.EXTERNAL)
            .dataCategories(DataCategory.UNKNOWN).purpose(Purpose.SUMMARISATION).build());

    @Test
    void passesOnWhatTheDecisionHolds() {
        assertThat(DENIED).isDenied().cites("R4.1", "R3").doesNotCite("R7.2").applied("D1").didNotApply("S1")
                .hasObligations().hasAdvice("PREFER_INTERNAL_SYSTEM").escalatesTo()
                .hasPolicyVersion(ENGINE.policyVersion());
        assertThat(ESCALATED).isEscalated().escalatesTo(Contact.AI_UNIT, Contact.DPO, Contact.CDO)
                .hasObligations("VERIFY_OUTPUTS", "DISCLOSE_AI_USE");
    }

    @Test
    void failsShowingTheWholeDecision() {
        AssertionError e = assertThrows(AssertionError.class, () -> assertThat(DENIED).isAllowed());
        assertTrue(e.getMessage().startsWith("expected verdict ALLOW, but the decision was DENY citing [R3, R4, R4.1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"reasons\""), e.getMessage());
        assertThrows(AssertionError.class, () -> assertThat(DENIED).cites("R7.2"));
        assertThrows(AssertionError.class, () -> assertThat(DENIED).doesNotCite("R3"));
        assertThrows(AssertionError.class, () -> assertThat(ESCALATED).escalatesTo(Contact.DPO));
        assertThrows(AssertionError.class, () -> assertThat(ESCALATED).hasObligations());
        assertThrows(AssertionError.class, () -> assertThat(DENIED).hasAdvice());
        assertThrows(AssertionError.class, () -> assertThat(DENIED).applied("S1"));
        assertThrows(AssertionError.class, () -> assertThat(DENIED).didNotApply("D1"));
        assertThrows(AssertionError.class, () -> assertThat(DENIED).hasPolicyVersion("0"));
        assertThrows(AssertionError.class, () -> assertThat(null));
    }
}
