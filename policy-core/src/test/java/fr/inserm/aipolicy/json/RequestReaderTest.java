package fr.inserm.aipolicy.json;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.report.DisclosureFacts;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
    static final String JSON = """
            {"version": "t1", "tools": [
              {"id": "chat", "name": "ChatThing", "kind": "platform", "aliases": ["ChatThing"],
               "hostings": ["EXTERNAL"], "generative": true, "footprintModel": "Big"},
              {"id": "tiny", "name": "Tiny-1B", "kind": "model", "aliases": ["Tiny 1B"],
               "hostings": ["LOCAL", "INTERNAL", "EXTERNAL"], "generative": true, "parametersBillions": 1.2},
              {"id": "bert", "name": "Bert", "kind": "model", "aliases": ["Bert"],
               "hostings": ["LOCAL", "INTERNAL"], "generative": false, "parametersBillions": 0.11}
            ],
            "footprint": {"clause": "R2", "models": [
              {"model": "Big", "energyMilliwattHours": 400, "co2MilligramsEq": 180, "waterMillilitres": 1.9},
              {"model": "Small", "energyMilliwattHours": 140, "co2MilligramsEq": 8, "waterMillilitres": 1}],
             "smallerModels": ["bert", "tiny"]}}
            """;
    static final ToolCatalogue TOOLS = ToolCatalogue.parse(JSON, "test");

    private static InvalidUsageException refused(String json) {
        return assertThrows(InvalidUsageException.class, () -> PolicyJson.readRequest(json, TOOLS), json);
    }

    @Test
    void aPlainUsageIsReadAsTheUsageReaderReadsIt() {
        String json = "{\"tool\": {\"name\": \"ChatThing\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\": [\"PUBLIC\"],"
                + " \"purpose\": \"TRANSLATION\", \"context\": {\"userTrained\": true}}";
        EvaluationRequest request = PolicyJson.readRequest(json, TOOLS);
        assertEquals(PolicyJson.readUsage(json), request.usage());
        assertFalse(request.extended());
        assertNull(request.language());
        assertEquals(Language.EN, request.languageOrDefault());
    }

    @Test
    void readsTheRequestFields() {
        EvaluationRequest request = PolicyJson.readRequest("{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\","
                + " \"dataCategories\": [], \"purpose\": \"WRITING\", \"language\": \"fr\", \"alternatives\": true,"
                + " \"disclosure\": {\"toolVersion\": \" 3.1 \", \"role\": \"polishing the English\", \"parameters\": \"\"}}",
                TOOLS);
        assertEquals(Language.FR, request.language());
        assertTrue(request.alternatives());
        assertEquals(new DisclosureFacts("3.1", "polishing the English", null, null), request.disclosure());
        assertTrue(request.extended());
    }

    @Test
    void completesACataloguedToolAndSaysSo() {
        EvaluationRequest chat = PolicyJson.readRequest("{\"tool\": {\"name\": \"ChatThing\"}, \"dataCategories\": [],"
                + " \"purpose\": \"WRITING\"}", TOOLS);
        assertEquals(Hosting.EXTERNAL, chat.usage().hosting());
        assertEquals(List.of("hosting"), chat.completedFromCatalogue());
        assertTrue(chat.extended());
        EvaluationRequest bert = PolicyJson.readRequest("{\"tool\": {\"name\": \"Bert\"}, \"hosting\": \"INTERNAL\","
                + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"DATA_ANALYSIS\"}", TOOLS);
        assertEquals(new Tool("Bert", false, 0.11), bert.usage().tool());
        assertEquals(List.of("tool.parametersBillions", "tool.generative"), bert.completedFromCatalogue());
        EvaluationRequest stated = PolicyJson.readRequest("{\"tool\": {\"name\": \"Bert\", \"parametersBillions\": 0.3,"
                + " \"generative\": true}, \"hosting\": \"INTERNAL\", \"dataCategories\": [], \"purpose\": \"OTHER\"}", TOOLS);
        assertEquals(new Tool("Bert", true, 0.3), stated.usage().tool(), "what the request states wins");
        assertEquals(List.of(), stated.completedFromCatalogue());
    }

    @Test
    void refusesWhatItDoesNotUnderstandNamingTheField() {
        String usage = "\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"";
        assertEquals("language", refused("{" + usage + ", \"language\": \"de\"}").field());
        assertEquals("language", refused("{" + usage + ", \"language\": 1}").field());
        assertEquals("alternatives", refused("{" + usage + ", \"alternatives\": \"yes\"}").field());
        assertEquals("disclosure", refused("{" + usage + ", \"disclosure\": \"v1\"}").field());
        assertEquals("disclosure.author", refused("{" + usage + ", \"disclosure\": {\"author\": \"me\"}}").field());
        assertEquals("disclosure.role", refused("{" + usage + ", \"disclosure\": {\"role\": 3}}").field());
        assertEquals("disclosure.role", refused("{" + usage + ", \"disclosure\": {\"role\": \""
                + "x".repeat(DisclosureFacts.MAX_LENGTH + 1) + "\"}}").field());
        InvalidUsageException unknown = refused("{" + usage + ", \"lang\": \"fr\"}");
        assertEquals("lang", unknown.field());
        assertTrue(unknown.acceptedValues().containsAll(List.of("language", "alternatives", "disclosure")));
        assertEquals("tool.colour", refused("{\"tool\": {\"name\": \"x\", \"colour\": 1}, \"hosting\": \"LOCAL\","
                + " \"dataCategories\": [], \"purpose\": \"WRITING\"}").field());
        assertEquals("hosting", refused("{\"tool\": {\"name\": \"unknown\"}, \"dataCategories\": [],"
                + " \"purpose\": \"WRITING\"}").field());
        assertEquals("hosting", refused("{\"tool\": {\"name\": \"Tiny-1B\"}, \"dataCategories\": [],"
                + " \"purpose\": \"WRITING\"}").field(), "a model that runs in several places needs its hosting");
        assertEquals("(request)", refused("[1]").field());
    }

    @Test
    void refusesAHostingThatContradictsTheCatalogue() {
        InvalidUsageException e = refused("{\"tool\": {\"name\": \"ChatThing\"}, \"hosting\": \"LOCAL\","
                + " \"dataCategories\": [\"PSEUDONYMISED_DATA\"], \"purpose\": \"WRITING\"}");
        assertEquals("hosting", e.field());
        assertEquals(List.of("EXTERNAL"), e.acceptedValues());
    }
}
