package fr.inserm.aipolicy.cli;

import static fr.inserm.aipolicy.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.cli.CliTestSupport.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tool: decisions on standard output, errors on standard error, and its exit status. */
class AipolicyCliTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void decidesEachBundledExample() throws Exception {
        assertEquals("DENY", verdictOf(run("", "evaluate", EXAMPLES.resolve("draft-article-chatgpt.json").toString())));
        assertEquals("ESCALATE", verdictOf(run("", "evaluate", EXAMPLES.resolve("sovereign-api-pipeline.json").toString())));
        assertEquals("ALLOW", verdictOf(run("", "evaluate", EXAMPLES.resolve("local-model-health-records.json").toString())));
    }

    private static String verdictOf(Run r) throws Exception {
        assertEquals(0, r.status(), r.err());
        JsonNode decision = MAPPER.readTree(r.out());
        assertTrue(decision.get("citations").size() > 0);
        return decision.get("verdict").asText();
    }

    @Test
    void readsStandardInputAndPrettyPrints() throws Exception {
        Run r = run("{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\": [\"UNKNOWN\"],"
                + " \"purpose\": \"SUMMARISATION\"}", "evaluate", "--pretty", "-");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\n  \"verdict\" : \"ESCALATE\""), r.out());
        assertEquals("[\"DPO\",\"CDO\",\"AI_UNIT\"]", MAPPER.readTree(r.out()).get("escalateTo").toString());
    }

    @Test
    void badInputExitsTwoNamingTheFieldAndPrintsNoDecision() {
        Run r = run("{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                + " \"purpose\": \"WRITING\", \"context\": {\"subscription\": \"FREE\"}}", "evaluate", "-");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains("context.subscription: \"FREE\" is not an accepted value; accepted: NONE, PERSONAL,"
                + " INSERM_FUNDED"), r.err());
    }

    @Test
    void missingFileExitsTwo() {
        Run r = run("", "evaluate", "no-such-file.json");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains("no such file: no-such-file.json"), r.err());
    }

    @Test
    void batchAnswersEveryLineInOrder() throws Exception {
        Run r = run("", "evaluate", "--batch", EXAMPLES.resolve("inventory-sample.jsonl").toString());
        String[] lines = r.out().split("\n");
        assertEquals(6, lines.length, r.out());
        assertEquals("DENY", MAPPER.readTree(lines[0]).get("verdict").asText());
        assertEquals("ESCALATE", MAPPER.readTree(lines[1]).get("verdict").asText());
        JsonNode error = MAPPER.readTree(lines[4]);
        assertEquals(5, error.get("line").asInt());
        assertEquals("hosting", error.get("field").asText());
        assertEquals("ALLOW", MAPPER.readTree(lines[5]).get("verdict").asText());
        assertEquals(2, r.status(), "a bad line makes the batch exit 2 at the end");
        assertTrue(r.err().contains("6 lines: 3 ALLOW, 1 ESCALATE, 1 DENY, 1 errors"), r.err());
    }

    @Test
    void helpAndUnknownCommands() {
        Run help = run("", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("aipolicy evaluate --batch FILE|-"), help.out());
        assertEquals(2, run("").status());
        Run unknown = run("", "judge", "x");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown command: judge"), unknown.err());
        assertEquals(2, run("", "evaluate").status());
    }

    @Test
    void serveNamesTheServersOwnJarAndExitsTwo() {
        Run serve = run("", "serve", "--port", "8080");
        assertEquals(2, serve.status());
        assertEquals("", serve.out());
        assertEquals("aipolicy: the web page and JSON endpoint have their own jar:"
                + " java -jar policy-server/target/aipolicy-server.jar", serve.err().strip());
    }

    @Test
    void rulesAndClausesAndVersion() throws Exception {
        Run rules = run("", "rules");
        assertEquals(0, rules.status());
        assertTrue(rules.out().contains("D1    DENY       R4.1 R4 R3"), rules.out());
        Run clauses = run("", "clauses");
        assertEquals(41, MAPPER.readTree(clauses.out()).get("clauses").size());
        assertTrue(run("", "--version").out().matches("policy \\S+ sha256:[0-9a-f]{64}\\s*"));
    }

    @Test
    void aFailingEngineExitsOneWithNoDecision(@TempDir Path dir) {
        Path rules = CliTestSupport.copyOfRules(dir);
        CliTestSupport.replace(rules.resolve("frugality.drl"), "UsageFacts( largeModel )",
                "UsageFacts( purpose.name().charAt(1000) == 'x' )");
        Run r = run("", "--rules", rules.toString(), "--draft", "evaluate",
                EXAMPLES.resolve("local-model-health-records.json").toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("internal failure"), r.err());
    }

    @Test
    void aBrokenPolicyIsReportedWithItsFile(@TempDir Path dir) {
        Path rules = CliTestSupport.copyOfRules(dir);
        CliTestSupport.replace(rules.resolve("frugality.drl"), "@clauses(\"R2.1\")", "@clauses(\"R2.9\")");
        Run r = run("", "--rules", rules.toString(), "--draft", "rules");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("frugality.drl") && r.err().contains("R2.9"), r.err());
    }
}
