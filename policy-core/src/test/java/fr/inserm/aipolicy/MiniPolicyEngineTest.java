package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Drools runtime on the four-rule test policy: findings in, decision out. */
class MiniPolicyEngineTest {
    static final PolicyEngine ENGINE = MiniPolicy.engine();

    static Usage usage(Hosting hosting, DataCategory... categories) {
        return Usage.builder().tool("t").hosting(hosting).dataCategories(categories).purpose(Purpose.WRITING).build();
    }

    @Test
    void theMiniPolicyRecordsItsFindingsInTheGlobalList() {
        assertTrue(ENGINE.toString().contains("findings in a global list"), ENGINE.toString());
    }

    @Test
    void sensitiveDataOutsideIsDenied() {
        Decision d = ENGINE.evaluate(usage(Hosting.EXTERNAL, DataCategory.PSEUDONYMISED_DATA));
        assertEquals(Verdict.DENY, d.verdict());
        assertEquals(java.util.List.of("R3", "R4.1"), d.citedClauseIds());
        assertEquals(java.util.List.of("D1", "O2"), d.appliedRules());
        assertTrue(d.obligations().isEmpty());
        assertEquals("0.1-test", d.policyVersion());
        assertEquals(ENGINE.policyDigest(), d.policyDigest());
    }

    @Test
    void localUseIsAllowedWithItsObligation() {
        Decision d = ENGINE.evaluate(usage(Hosting.LOCAL, DataCategory.PSEUDONYMISED_DATA));
        assertEquals(Verdict.ALLOW, d.verdict());
        assertEquals(java.util.List.of("R6.1", "CNIL-4"), d.citedClauseIds());
        assertEquals("Runs locally.", d.reasons().get(0).text());
        assertEquals("Verify the outputs.", d.obligations().get(0).text());
    }

    @Test
    void eachCallIsIndependent() {
        Decision first = ENGINE.evaluate(usage(Hosting.EXTERNAL, DataCategory.PUBLIC));
        ENGINE.evaluate(usage(Hosting.EXTERNAL, DataCategory.CONFIDENTIAL));
        assertEquals(first, ENGINE.evaluate(usage(Hosting.EXTERNAL, DataCategory.PUBLIC)));
    }

    @Test
    void nullUsageIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> ENGINE.evaluate(null));
    }

    @Test
    void decisionJsonHasThePolicyFieldNames() {
        String json = PolicyJson.write(ENGINE.evaluate(usage(Hosting.EXTERNAL, DataCategory.PUBLIC)));
        for (String field : new String[] {"\"verdict\":\"ALLOW\"", "\"citations\":[", "\"reasons\":[",
                "\"obligations\":[", "\"advice\":[", "\"escalateTo\":[]", "\"policyVersion\":\"0.1-test\"",
                "\"policyDigest\":\"sha256:", "\"appliedRules\":["}) {
            assertTrue(json.contains(field), () -> field + " missing in " + json);
        }
    }
}
