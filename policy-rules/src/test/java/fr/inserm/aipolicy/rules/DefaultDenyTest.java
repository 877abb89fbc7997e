package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is allowed silently (POLICY.md §3): an ALLOW needs a permit rule, and a policy whose files
 * or rules are not the ones it declares does not build, so a lost file can never make an engine
 * quieter.
 */
class DefaultDenyTest {
    private static final Pattern PERMIT = Pattern.compile("(?ms)^rule \"P\\d[^\"]*\"\\n.*?^end\\n?");
    private static final long SEED = Long.getLong("aipolicy.seed", System.nanoTime());

    static Path copy(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(RuleMutationTest.RULES)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static void edit(Path file, String regex, String replacement) throws IOException {
        Files.writeString(file, Files.readString(file).replaceAll(regex, replacement));
    }

    @Test
    void withItsPermitRulesDeletedThePolicyNeverAllows(@TempDir Path dir) throws IOException {
        copy(dir);
        for (String file : new String[] {"hosting.drl", "automated-processing.drl", "subscriptions.drl"}) {
            Path drl = dir.resolve(file);
            Files.writeString(drl, PERMIT.matcher(Files.readString(drl)).replaceAll(""));
        }
        edit(dir.resolve("policy.properties"), "(?<=\\s)P[1-4](?=\\s)", "");
        PolicyEngine engine = PolicyEngine.builder().rulesFrom(dir).build();
        Random random = new Random(SEED);
        int denied = 0;
        for (int i = 0; i < 5_000; i++) {
            Usage usage = UsageSpace.randomUsage(random);
            Decision decision = engine.evaluate(usage, random.nextBoolean());
            // never ALLOW; an ESCALATE rule still asks (S1 has no permit in the full policy either);
            // everything else is denied by default
            assertTrue(decision.verdict() != Verdict.ALLOW, () -> "seed " + SEED + ": " + usage);
            if (decision.verdict() != Verdict.ESCALATE) {
                assertEquals(Verdict.DENY, decision.verdict());
                assertFalse(decision.citations().isEmpty());
            }
            if (decision.reasons().stream().noneMatch(r -> r.effect() == Verdict.ESCALATE || !r.rule().equals("DEFAULT"))) {
                assertEquals(Verdict.DENY, decision.verdict(), () -> "seed " + SEED + ": " + usage);
            }
            denied += decision.reasons().stream().anyMatch(r -> r.rule().equals("DEFAULT")) ? 1 : 0;
        }
        assertTrue(denied > 250, "denied by default: " + denied);
    }

    @Test
    void aMissingRuleFileRefusesToBuild(@TempDir Path dir) throws IOException {
        Files.delete(copy(dir).resolve("hosting.drl"));
        PolicyBuildException e = assertThrows(PolicyBuildException.class, () -> PolicyEngine.builder().rulesFrom(dir).build());
        assertTrue(e.getMessage().contains("missing [hosting.drl]"), e.getMessage());
    }

    @Test
    void aMissingToolCatalogueRefusesToBuild(@TempDir Path dir) throws IOException {
        Files.delete(copy(dir).resolve("tools.json"));
        PolicyBuildException e = assertThrows(PolicyBuildException.class, () -> PolicyEngine.builder().rulesFrom(dir).build());
        assertTrue(e.getMessage().contains("missing [tools.json]"), e.getMessage());
    }

    @Test
    void anUndeclaredRuleFileRefusesToBuild(@TempDir Path dir) throws IOException {
        Files.copy(copy(dir).resolve("frugality.drl"), dir.resolve("extra.drl"));
        edit(dir.resolve("extra.drl"), "rule \"A", "rule \"X");
        PolicyBuildException e = assertThrows(PolicyBuildException.class, () -> PolicyEngine.builder().rulesFrom(dir).build());
        assertTrue(e.getMessage().contains("not declared [extra.drl]"), e.getMessage());
    }

    @Test
    void aRuleLostInAnEditRefusesToBuild(@TempDir Path dir) throws IOException {
        Path drl = copy(dir).resolve("sensitive-data.drl");
        edit(drl, "(?ms)^rule \"D1 sensitive data on an external platform\".*?^end\\n", "");
        PolicyBuildException e = assertThrows(PolicyBuildException.class, () -> PolicyEngine.builder().rulesFrom(dir).build());
        assertTrue(e.getMessage().contains("missing [D1]") || e.getMessage().contains("which the policy lacks"),
                e.getMessage());
    }

    @Test
    void aRuleTheManifestDoesNotDeclareRefusesToBuild(@TempDir Path dir) throws IOException {
        edit(copy(dir).resolve("policy.properties"), "(?<=\\s)A7(?=\\s)", "");
        PolicyBuildException e = assertThrows(PolicyBuildException.class, () -> PolicyEngine.builder().rulesFrom(dir).build());
        assertTrue(e.getMessage().contains("not declared [A7]"), e.getMessage());
    }
}
