package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A failure while deciding is a typed exception, or on request a DENY that says why; never an ALLOW. */
class FailClosedTest {
    /** The mini policy with a rule whose condition throws for every usage (a short tool name). */
    static PolicyEngine broken() throws URISyntaxException {
        return PolicyEngine.builder().rulesFrom(Path.of(FailClosedTest.class.getClassLoader()
                .getResource("policies/broken/policy.properties").toURI()).getParent()).build();
    }

    static final Usage LOCAL_USE = Usage.builder().tool("t").hosting(Hosting.LOCAL).purpose(Purpose.WRITING).build();

    @Test
    void aFailingRuleRaisesATypedException() throws URISyntaxException {
        PolicyEvaluationException e = assertThrows(PolicyEvaluationException.class, () -> broken().evaluate(LOCAL_USE));
        assertTrue(e.getMessage().contains("the rules failed while deciding"), e.getMessage());
    }

    @Test
    void onRequestAFailureIsADenyThatSaysWhy() throws URISyntaxException {
        PolicyEngine engine = broken();
        Decision d = engine.evaluateOrDeny(LOCAL_USE);
        assertEquals(Verdict.DENY, d.verdict());
        assertEquals("ENGINE_FAILURE", d.reasons().get(0).rule());
        assertTrue(d.reasons().get(0).text().contains("denied until it can be decided"), d.reasons().get(0).text());
        assertTrue(d.obligations().isEmpty() && d.escalateTo().isEmpty());
        assertEquals(engine.policyDigest(), d.policyDigest());
    }

    @Test
    void withoutAFailureEvaluateOrDenyIsEvaluate() {
        PolicyEngine engine = MiniPolicy.engine();
        assertEquals(engine.evaluate(LOCAL_USE), engine.evaluateOrDeny(LOCAL_USE));
    }
}
