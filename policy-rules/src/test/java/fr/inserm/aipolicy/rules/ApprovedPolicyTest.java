package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.inserm.aipolicy.Approval;
import fr.inserm.aipolicy.PolicyApprovals;
import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled policy is the version it names, and every tampering with its files (a clause's text, a
 * clause removed, a tool's hosting, a rule's condition with its id kept, the manifest edited to
 * match) gives a draft, or a refusal under the DPO's key; never the approved version.
 */
class ApprovedPolicyTest {
    @TempDir
    static Path work;
    static Path dpoKey;
    static Path dpoPublic;
    static Approval approved;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void keys() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        dpoKey = Files.writeString(work.resolve("dpo-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        dpoPublic = Files.writeString(work.resolve("dpo-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        approved = PolicyApprovals.check(RuleMutationTest.RULES);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    void theBundledPolicyIsTheVersionItsRecordNames() {
        assertEquals(Approval.Status.RECORDED, approved.status(), approved::describe);
        PolicyEngine bundled = PolicyEngine.builder().build();
        assertEquals(approved.version(), bundled.policyVersion());
        assertEquals(approved.digest(), bundled.policyDigest());
        assertEquals(Approval.Status.RECORDED, bundled.policy().approval().status());
    }

    /** A copy of the bundled policy's folder, record included. */
    private static Path copy(String name) throws IOException {
        Path copy = Files.createDirectory(work.resolve(name));
        try (Stream<Path> files = Files.list(RuleMutationTest.RULES)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static void editJson(Path file, java.util.function.Consumer<JsonNode> edit) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        edit.accept(root);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static ObjectNode clause(JsonNode catalogue, String id) {
        for (JsonNode c : catalogue.get("clauses")) {
            if (c.get("id").asText().equals(id)) {
                return (ObjectNode) c;
            }
        }
        throw new IllegalStateException("test setup: no clause " + id);
    }

    /** D1's condition, its id kept: the rule can no longer fire. */
    private static void disableD1(Path folder) throws IOException {
        for (Path drl : Files.list(folder).filter(f -> f.toString().endsWith(".drl")).toList()) {
            String text = Files.readString(drl);
            Matcher m = Pattern.compile("(@id\\(\"D1\"\\)[^\\n]*\\nwhen\\n)(.*?)(\\nthen)", Pattern.DOTALL).matcher(text);
            if (m.find()) {
                Files.writeString(drl, text.substring(0, m.start(2)) + "    UsageFacts( external, sensitiveData, 1 == 2 )"
                        + text.substring(m.end(2)));
                return;
            }
        }
        throw new IllegalStateException("test setup: D1 not found");
    }

    interface Tampering {
        void apply(Path folder) throws IOException;
    }

    static Map<String, Tampering> tamperings() {
        Map<String, Tampering> t = new LinkedHashMap<>();
        t.put("R4.1's quoted text rewritten", f -> editJson(f.resolve("catalogue.json"), c -> clause(c, "R4.1")
                .put("text", "External AI platforms may be used with sensitive data.")));
        t.put("a clause deleted", f -> editJson(f.resolve("catalogue.json"), c -> {
            ArrayNode clauses = (ArrayNode) c.get("clauses");
            clauses.remove(clauses.size() - 1);
        }));
        t.put("ChatGPT given LOCAL in tools.json", f -> editJson(f.resolve("tools.json"), c -> {
            for (JsonNode tool : c.get("tools")) {
                if (tool.get("name").asText().equals("ChatGPT")) {
                    ((ObjectNode) tool).putArray("hostings").add("LOCAL");
                    return;
                }
            }
            throw new IllegalStateException("test setup: no ChatGPT in tools.json");
        }));
        t.put("D1's condition disabled, its id kept", ApprovedPolicyTest::disableD1);
        t.put("D1 deleted and the manifest edited to match", f -> {
            for (Path drl : Files.list(f).filter(p -> p.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(drl);
                Matcher m = Pattern.compile("rule \"D1 [^\"]*\".*?\\nend\\n", Pattern.DOTALL).matcher(text);
                if (m.find()) {
                    Files.writeString(drl, text.substring(0, m.start()) + text.substring(m.end()));
                }
            }
            Path manifest = f.resolve("policy.properties");
            Files.writeString(manifest, Files.readString(manifest).replaceFirst("(?<=[\\s=])D1(?=\\s)", ""));
        });
        t.put("a comment added to a rule file", f -> {
            Path drl = f.resolve("sensitive-data.drl");
            Files.writeString(drl, Files.readString(drl) + "\n// harmless?\n");
        });
        return t;
    }

    @TestFactory
    Stream<DynamicTest> everyTamperingIsADraftOrRefused() {
        return tamperings().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path folder = copy("t" + Math.abs(e.getKey().hashCode()));
            e.getValue().apply(folder);
            Approval seen = PolicyApprovals.check(folder);
            assertTrue(seen.draft(), seen::describe);
            assertNotEquals(approved.version(), seen.version());
            assertNotEquals(approved.digest(), seen.digest());
            assertEquals(Approval.draftVersion(approved.version(), seen.digest()), seen.version());
            // under the DPO's key, the folder is refused; a draft is never bundled
            assertThrows(PolicyBuildException.class,
                    () -> PolicyEngine.builder().rulesFrom(folder).trust(dpoPublic).build());
            assertThrows(PolicyBuildException.class,
                    () -> PolicyApprovals.bundle(folder, dpoKey, work.resolve("never.aipolicy")));
        }));
    }

    @Test
    void aTamperedPoliciesDecisionsSayDraft() throws IOException {
        Path folder = copy("d1-disabled");
        disableD1(folder);
        PolicyEngine draft = PolicyEngine.builder().rulesFrom(folder).build();
        String version = draft.evaluate(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.IDENTIFIABLE_HEALTH_DATA).purpose(Purpose.WRITING).build()).policyVersion();
        assertTrue(version.startsWith(approved.version() + "-draft+"), version);
        assertEquals(Approval.Status.DRAFT, draft.policy().approval().status());
    }

    @Test
    void aRecordRewrittenToMatchIsStillNotSignedByTheDpo() throws Exception {
        Path folder = copy("re-recorded");
        disableD1(folder);
        // whoever edits the files can record them: only the signature says who approved them
        Approval rerecorded = PolicyApprovals.record(folder, approved.version());
        assertEquals(Approval.Status.RECORDED, rerecorded.status());
        assertNotEquals(approved.digest(), rerecorded.digest());
        assertThrows(PolicyBuildException.class, () -> PolicyEngine.builder().rulesFrom(folder).trust(dpoPublic).build());
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path otherKey = Files.writeString(work.resolve("other-private.pem"), pem("PRIVATE KEY", other.getPrivate().getEncoded()));
        Path forged = work.resolve("forged.aipolicy");
        PolicyApprovals.bundle(folder, otherKey, forged);
        String why = assertThrows(PolicyBuildException.class, () -> PolicyApprovals.verify(forged, dpoPublic)).getMessage();
        assertTrue(why.contains("signature is not valid"), why);
    }

    @Test
    void theApprovedBundleLoadsUnderTheDpoKey() {
        Path bundle = work.resolve("approved.aipolicy");
        PolicyApprovals.bundle(RuleMutationTest.RULES, dpoKey, bundle);
        PolicyEngine engine = PolicyEngine.builder().rulesFrom(bundle).trust(dpoPublic).build();
        assertEquals(approved.version(), engine.policyVersion());
        assertEquals(approved.digest(), engine.policyDigest());
        assertEquals(Approval.Status.SIGNED, engine.policy().approval().status());
    }
}
