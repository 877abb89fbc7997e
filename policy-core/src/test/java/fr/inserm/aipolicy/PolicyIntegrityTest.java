package fr.inserm.aipolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine refuses to build, with a message naming the file, when the policy is not whole. */
class PolicyIntegrityTest {
    @TempDir
    Path dir;

    private String refusal(Path policy) {
        return assertThrows(PolicyBuildException.class, () -> PolicyEngine.builder().rulesFrom(policy).build())
                .getMessage();
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), "test setup: " + from + " not in " + file);
        Files.writeString(file, text.replace(from, to));
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    @Test
    void theMiniPolicyBuilds() {
        PolicyEngine engine = MiniPolicy.engine();
        assertEquals("0.1-test", engine.policyVersion());
        assertEquals(4, engine.rules().size());
        assertEquals(4, engine.catalogue().size());
        assertTrue(engine.policyDigest().matches("sha256:[0-9a-f]{64}"), engine.policyDigest());
        assertEquals("mini.drl", engine.rules().get(0).file());
    }

    @Test
    void missingCatalogue() throws IOException {
        Files.delete(MiniPolicy.copyTo(dir).resolve("catalogue.json"));
        assertMentions(refusal(dir), "missing [catalogue.json]");
    }

    @Test
    void malformedCatalogue() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("catalogue.json"), "\"clauses\": [", "\"clauses\": [[");
        assertMentions(refusal(dir), "catalogue.json");
    }

    @Test
    void catalogueNotJson() throws IOException {
        Files.writeString(MiniPolicy.copyTo(dir).resolve("catalogue.json"), "{clauses:");
        assertMentions(refusal(dir), "catalogue.json is not valid JSON");
    }

    @Test
    void clauseWithoutText() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("catalogue.json"), "\"text\": \"Verify outputs.\"", "\"text\": \"\"");
        assertMentions(refusal(dir), "catalogue.json", "(R6.1)", "\"text\"");
    }

    @Test
    void clauseListedTwice() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("catalogue.json"), "\"id\": \"R6.1\"", "\"id\": \"R3\"");
        assertMentions(refusal(dir), "clause R3 appears twice");
    }

    @Test
    void ruleCitesAnUnknownClause() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("mini.drl"), "@clauses(\"R6.1\")", "@clauses(\"R6.9\")");
        assertMentions(refusal(dir), "mini.drl", "O2 verify", "cites clause R6.9, which the catalogue lacks");
    }

    @Test
    void twoRulesShareAnId() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("mini.drl"), "@id(\"P2\")", "@id(\"P1\")");
        assertMentions(refusal(dir), "mini.drl", "rule id P1 is also the id of rule");
    }

    @Test
    void ruleWithoutMessage() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("messages.properties"), "O2=Verify the outputs.", "");
        assertMentions(refusal(dir), "rule O2 has no message in messages.properties");
    }

    @Test
    void ruleWithoutMetadata() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("mini.drl"), "@id(\"P2\") ", "");
        assertMentions(refusal(dir), "mini.drl, rule \"P2 local\" has no @id");
    }

    @Test
    void ruleWithAnUnknownEffect() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("mini.drl"), "@effect(\"ALLOW\") @clauses(\"CNIL-4\")",
                "@effect(\"PERMIT\") @clauses(\"CNIL-4\")");
        assertMentions(refusal(dir), "P2 local", "@effect(\"PERMIT\") is not one of");
    }

    @Test
    void escalationWithoutContacts() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("mini.drl"), "@effect(\"ALLOW\") @clauses(\"CNIL-4\")",
                "@effect(\"ESCALATE\") @clauses(\"CNIL-4\")");
        assertMentions(refusal(dir), "P2 local", "has no @escalateTo");
    }

    @Test
    void drlSyntaxErrorNamesFileAndLine() throws IOException {
        // line 24 of mini.drl is the condition of "P2 local"
        edit(MiniPolicy.copyTo(dir).resolve("mini.drl"), "    UsageFacts( !external )", "    UsageFacts( !external ");
        assertMentions(refusal(dir), "do not compile", "mini.drl line");
    }

    @Test
    void drlTypeErrorNamesFile() throws IOException {
        edit(MiniPolicy.copyTo(dir).resolve("mini.drl"), "UsageFacts( generative )", "UsageFacts( generatve )");
        assertMentions(refusal(dir), "do not compile", "generatve");
    }

    @Test
    void missingVersion() throws IOException {
        Files.writeString(MiniPolicy.copyTo(dir).resolve("policy.properties"), "# no version\n");
        assertMentions(refusal(dir), "policy.properties has no version");
    }

    @Test
    void noRules() throws IOException {
        Files.delete(MiniPolicy.copyTo(dir).resolve("mini.drl"));
        assertMentions(refusal(dir), "missing [mini.drl]");
    }

    @Test
    void notAPolicyFolder() {
        assertMentions(refusal(dir), "no policy in", "policy.properties");
        assertMentions(refusal(dir.resolve("absent")), "not a folder or a jar");
    }

    @Test
    void readsAPolicyFromAJar() throws IOException {
        Path jar = dir.resolve("policy.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            try (var files = Files.list(MiniPolicy.source())) {
                for (Path f : files.toList()) {
                    out.putNextEntry(new JarEntry("fr/inserm/aipolicy/rules/" + f.getFileName()));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
        }
        PolicyEngine fromJar = PolicyEngine.builder().rulesFrom(jar).build();
        assertEquals(MiniPolicy.engine().policyDigest(), fromJar.policyDigest());
    }

    @Test
    void theDigestChangesWithAnyFile() throws IOException {
        String before = MiniPolicy.engine().policyDigest();
        edit(MiniPolicy.copyTo(dir).resolve("messages.properties"), "Runs locally.", "Runs locally!");
        assertNotEquals(before, PolicyEngine.builder().rulesFrom(dir).build().policyDigest());
    }

    @Test
    void noPolicyOnTheClassPath() {
        ClassLoader empty = new ClassLoader(null) {
        };
        String message = assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().classLoader(empty).build()).getMessage();
        assertMentions(message, "no policy on the class path", "policy-rules");
    }

    @Test
    void aSingleRuleFileIsNotAPolicy() throws IOException {
        Path drl = MiniPolicy.copyTo(dir).resolve("mini.drl");
        assertMentions(refusal(drl), drl.toString(), "expected a folder holding policy.properties");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a jar");
        assertMentions(refusal(text), "a single file is not a policy");
    }
}
