package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.json.PolicyJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code evaluate --lang}, {@code --alternatives} and the request fields, through the command line. */
class AipolicyCliActionableTest {
    static final PolicyEngine ENGINE = PolicyEngine.builder().build();
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs the tool and reads what it printed as JSON. */
    static Run run(String stdin, String... args) {
        CliTestSupport.Run r = CliTestSupport.run(stdin, args);
        return new Run(r.status(), r.out(), r.err());
    }

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return MAPPER.readTree(out);
        }
    }

    @Test
    void aPlainUsageStillPrintsThePlainDecision() throws Exception {
        for (String file : List.of("draft-article-chatgpt.json", "local-model-health-records.json",
                "sovereign-api-pipeline.json")) {
            Path path = Path.of("..", "examples", file);
            String expected = PolicyJson.write(ENGINE.evaluate(PolicyJson.readUsage(Files.readString(path))));
            Run run = run("", "evaluate", path.toString());
            assertEquals(0, run.status(), run.err());
            assertEquals(expected + System.lineSeparator(), run.out(), file);
        }
    }

    @Test
    void langFrGivesTheDecisionInFrench() throws Exception {
        Run run = run("", "evaluate", "--lang", "fr", "../examples/draft-article-chatgpt.json");
        assertEquals(0, run.status(), run.err());
        JsonNode json = run.json();
        assertEquals("DENY", json.get("verdict").asText());
        assertEquals("fr", json.get("language").asText());
        assertTrue(json.get("reasons").get(0).get("text").asText().startsWith("Les données sensibles"));
        assertEquals("Ne jamais utiliser de plateforme d'IA externe avec des données sensibles",
                json.get("citations").get(2).get("title").asText());
    }

    @Test
    void alternativesFromTheFlagOrTheRequest() throws Exception {
        Run flag = run("", "evaluate", "--alternatives", "../examples/draft-article-chatgpt.json");
        assertEquals(0, flag.status(), flag.err());
        assertEquals("en", flag.json().get("language").asText());
        assertEquals("hosting", flag.json().get("alternatives").get(0).get("changes").get(0).get("field").asText());
        Run field = run("", "evaluate", "../examples/pseudonymised-cohort-chatgpt.json");
        assertEquals(0, field.status(), field.err());
        JsonNode alternatives = field.json().get("alternatives");
        // leaving the only data out is no alternative for a summary: the data of a summary must be named
        assertEquals(2, alternatives.size());
        assertEquals("LOCAL", alternatives.get(1).get("changes").get(0).get("to").asText());
    }

    @Test
    void disclosureAndFrugality() throws Exception {
        Run publication = run("", "evaluate", "../examples/publication-local-model-fr.json");
        assertEquals(0, publication.status(), publication.err());
        JsonNode disclosure = publication.json().get("disclosure");
        assertTrue(disclosure.get("fr").get("text").asText().contains("reformulation de la section Discussion"));
        assertEquals("Use of AI systems", disclosure.get("en").get("heading").asText());
        Run frugality = run("", "evaluate", "--lang", "en", "../examples/summary-mistral-large.json");
        assertEquals(0, frugality.status(), frugality.err());
        JsonNode figures = frugality.json().get("frugality");
        assertEquals("Mistral Large", figures.get("model").asText());
        assertEquals(4, figures.get("footprints").size());
    }

    @Test
    void refusesContradictionsAndMisuse() {
        Run local = run("{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                + " \"purpose\": \"WRITING\"}", "evaluate", "-");
        assertEquals(AipolicyCli.BAD_INPUT, local.status());
        assertTrue(local.err().contains("hosting: \"LOCAL\" contradicts the tool catalogue"), local.err());
        assertTrue(local.out().isEmpty());
        assertEquals(AipolicyCli.BAD_INPUT, run("", "evaluate", "--lang", "de", "../examples/draft-article-chatgpt.json").status());
        assertEquals(AipolicyCli.BAD_INPUT, run("", "evaluate", "--lang").status());
        Run batch = run("", "evaluate", "--batch", "--lang", "fr", "../examples/inventory-sample.jsonl");
        assertEquals(AipolicyCli.BAD_INPUT, batch.status());
        assertFalse(batch.err().isEmpty());
    }
}
