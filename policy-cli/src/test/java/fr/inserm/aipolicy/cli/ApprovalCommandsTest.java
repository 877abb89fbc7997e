package fr.inserm.aipolicy.cli;

import static fr.inserm.aipolicy.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.cli.CliTestSupport.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintainer's loop and the administrator's commands: test says which policy it tests, a draft
 * needs --draft, a bundle is signed, verified and refused when changed or signed by another key.
 */
class ApprovalCommandsTest {
    static final Path SCENARIOS = Path.of("..", "policy-rules", "src", "test", "resources", "scenarios");

    private static Path keyPair(Path dir, String name) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(dir.resolve(name + "-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return Files.writeString(dir.resolve(name + "-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    void testNamesThePolicyItTestsOnItsFirstLine() {
        // scenarios that live beside a rules folder test that folder
        Run beside = run("", "test", SCENARIOS.toString());
        assertEquals(AipolicyCli.OK, beside.status(), beside.err());
        String first = beside.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("testing policy \\S+ sha256:[0-9a-f]{64} recorded, not signed from .*"), first);
        assertTrue(first.endsWith(Path.of("policy-rules", "src", "main", "resources", "fr", "inserm", "aipolicy", "rules")
                .toString()), first);
        // unless told otherwise
        Run bundled = run("", "--bundled", "test", SCENARIOS.toString());
        String line = bundled.out().lines().findFirst().orElseThrow();
        assertTrue(line.startsWith("testing policy ") && !line.contains(" from ../") && !line.contains("DRAFT"), line);
    }

    @Test
    void aDraftNeedsDraftAndSaysSo(@TempDir Path dir) {
        Path rules = CliTestSupport.copyOfRules(dir);
        CliTestSupport.replace(rules.resolve("messages.properties"), "D1=Sensitive data must never",
                "D1=Sensitive data may sometimes");
        Run refused = run("", "--rules", rules.toString(), "evaluate",
                Path.of("..", "examples", "draft-article-chatgpt.json").toString());
        assertEquals(AipolicyCli.BAD_INPUT, refused.status());
        assertEquals("", refused.out());
        assertTrue(refused.err().contains("is a draft") && refused.err().contains("Add --draft"), refused.err());
        Run draft = run("", "--rules", rules.toString(), "--draft", "evaluate",
                Path.of("..", "examples", "draft-article-chatgpt.json").toString());
        assertEquals(AipolicyCli.OK, draft.status(), draft.err());
        assertTrue(draft.out().matches("(?s).*\"policyVersion\":\"[^\"]+-draft\\+[0-9a-f]{12}\".*"), draft.out());
    }

    @Test
    void bundleVerifyAndRefuse(@TempDir Path dir) throws Exception {
        Path key = keyPair(dir, "dpo");
        keyPair(dir, "other");
        Path bundle = dir.resolve("policy.aipolicy");
        Run packed = run("", "bundle", CliTestSupport.RULES.toString(), "--key", key.toString(), "--out", bundle.toString());
        assertEquals(AipolicyCli.OK, packed.status(), packed.err());
        Run ok = run("", "verify", bundle.toString(), "--trust", dir.resolve("dpo-public.pem").toString());
        assertEquals(AipolicyCli.OK, ok.status(), ok.err());
        assertTrue(ok.out().startsWith("verified: policy ") && ok.out().contains(" signed by ed25519:"), ok.out());
        Run wrongKey = run("", "verify", bundle.toString(), "--trust", dir.resolve("other-public.pem").toString());
        assertEquals(AipolicyCli.INTERNAL_FAILURE, wrongKey.status());
        assertTrue(wrongKey.err().contains("signature is not valid"), wrongKey.err());
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 1;
        Path changed = Files.write(dir.resolve("changed.aipolicy"), bytes);
        Run tampered = run("", "verify", changed.toString(), "--trust", dir.resolve("dpo-public.pem").toString());
        assertEquals(AipolicyCli.INTERNAL_FAILURE, tampered.status());
        assertTrue(tampered.err().contains("refused"), tampered.err());
        // the bundle decides, under the key, as the bundled policy does
        Run decided = run("", "--rules", bundle.toString(), "--trust", dir.resolve("dpo-public.pem").toString(),
                "evaluate", Path.of("..", "examples", "draft-article-chatgpt.json").toString());
        assertEquals(AipolicyCli.OK, decided.status(), decided.err());
        assertTrue(decided.out().startsWith("{\"verdict\":\"DENY\""), decided.out());
        // a folder under a trusted key is refused
        Run folder = run("", "--rules", CliTestSupport.RULES.toString(), "--trust", dir.resolve("dpo-public.pem").toString(),
                "rules");
        assertEquals(AipolicyCli.BAD_INPUT, folder.status());
        assertTrue(folder.err().contains("not a bundle signed by a trusted key"), folder.err());
    }
}
