package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import static fr.inserm.aipolicy.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.cli.CliTestSupport.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The policy's reference (docs/policy.md) is generated from the loaded policy and committed up to date. */
class PolicyReferenceTest {
    static final Path COMMITTED = Path.of("..", "docs", "policy.md");

    @Test
    void theCommittedReferenceIsTheLoadedPolicys() throws Exception {
        Run r = run("", "reference");
        assertEquals(AipolicyCli.OK, r.status(), r.err());
        assertTrue(Files.isRegularFile(COMMITTED), "docs/policy.md is missing: java -jar policy-cli/target/aipolicy.jar"
                + " reference > docs/policy.md");
        assertEquals(r.out(), Files.readString(COMMITTED, StandardCharsets.UTF_8),
                "docs/policy.md is stale: regenerate it with java -jar policy-cli/target/aipolicy.jar reference > docs/policy.md");
    }

    @Test
    void itHoldsEveryRuleAndEveryClauseInBothLanguages() {
        PolicyEngine engine = PolicyEngine.builder().build();
        String text = PolicyReference.markdown(engine.policy());
        for (PolicyRule rule : engine.rules()) {
            assertTrue(text.contains("| " + rule.id() + " |"), rule.id());
        }
        engine.catalogue().forEach(c -> assertTrue(text.contains("**" + c.id() + "**"), c.id()));
        assertTrue(text.contains("Avez-vous suivi une formation"), "the French questions");
        assertTrue(text.contains("version " + engine.policyVersion()));
    }
}
