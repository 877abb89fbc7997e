package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.testing.FrenchRefusals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In French: a 400 says what is wrong in French (with {@code ?lang=fr} or {@code Accept-Language: fr}),
 * the field and the accepted values as they are; {@code /api/clauses?lang=fr} gives every clause with its
 * French words, the source's or a marked translation, and the source's words beside it.
 */
class PolicyServerFrenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOUD = "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"CLOUD\", \"dataCategories\": [],"
            + " \"purpose\": \"WRITING\"}";

    private static PolicyServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        server = PolicyServer.start(PolicyEngine.builder().build(),
                PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(0), null);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> post(String path, String body, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefusalIsInTheCallersLanguage() throws Exception {
        for (HttpResponse<String> response : List.of(post("api/decisions?lang=fr", CLOUD, null),
                post("api/decisions", CLOUD, "fr-FR,fr;q=0.9,en;q=0.5"))) {
            assertEquals(400, response.statusCode());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("invalid usage", body.get("error").asText(), "the error's code stays a code");
            assertEquals("hosting", body.get("field").asText());
            assertEquals("fr", body.get("language").asText());
            assertEquals("\"CLOUD\" n’est pas une valeur acceptée", body.get("problem").asText());
            assertEquals("hosting : \"CLOUD\" n’est pas une valeur acceptée ; valeurs acceptées : LOCAL, INTERNAL,"
                    + " EXTERNAL_SOVEREIGN, EXTERNAL", body.get("message").asText());
            assertEquals("[\"LOCAL\",\"INTERNAL\",\"EXTERNAL_SOVEREIGN\",\"EXTERNAL\"]", body.get("acceptedValues").toString());
        }
        JsonNode english = JSON.readTree(post("api/decisions", CLOUD, null).body());
        assertEquals("hosting: \"CLOUD\" is not an accepted value; accepted: LOCAL, INTERNAL, EXTERNAL_SOVEREIGN,"
                + " EXTERNAL", english.get("message").asText());
        assertEquals("en", english.get("language").asText());
    }

    @Test
    void eachKindOfRefusalReadsInFrench() throws Exception {
        for (String body : List.of(CLOUD, "", "[", "{\"tool\": {\"name\": \"x\"}}", "{\"tool\": {\"name\": \"x\"}} {}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\","
                        + " \"context\": {\"userTrained\": \"oui\"}}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\","
                        + " \"language\": \"de\"}",
                "{\"tool\": {\"name\": \"\\u200b\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"}")) {
            HttpResponse<String> response = post("api/decisions?lang=fr", body, null);
            assertEquals(400, response.statusCode(), response.body());
            JsonNode refusal = JSON.readTree(response.body());
            FrenchRefusals.assertFrench(refusal.get("message").asText(), refusal.get("field").asText());
        }
        // a ?lang the server does not speak is refused in the language of Accept-Language
        HttpResponse<String> unknown = post("api/decisions?lang=de", CLOUD, "fr");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("\"lang : \\\"de\\\" n’est pas une valeur acceptée"), unknown.body());
    }

    @Test
    void theClausesInFrenchCarryTheirTranslationMarkedAndTheSourceWords() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve("api/clauses?lang=fr"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode clauses = JSON.readTree(response.body()).get("clauses");
        assertEquals(41, clauses.size());
        for (JsonNode clause : clauses) {
            JsonNode translation = clause.get("translation");
            assertFalse(translation == null || translation.isNull(), clause.toString());
            assertFalse(translation.get("official").asBoolean(), clause.toString());
            assertTrue(!translation.get("language").asText().equals(clause.get("language").asText()), clause.toString());
        }
        JsonNode r41 = clauses.findParents("id").stream().filter(c -> c.get("id").asText().equals("R4.1")).findFirst()
                .orElseThrow();
        assertTrue(r41.get("text").asText().startsWith("Regardless of the model used"), "the source's words stay the text");
        assertTrue(r41.get("translation").get("text").asText().startsWith("Quel que soit le modèle utilisé"));
    }

    @Test
    void thePageMarksATranslationAndKeepsTheOriginalOneClickAway() throws Exception {
        String script = new String(PolicyServerFrenchTest.class.getResourceAsStream(
                "/fr/inserm/aipolicy/server/static/app.js").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(script.contains("t('clause.translation.note')") && script.contains("t('clause.original'"));
        assertTrue(script.contains("fetch('api/decisions?lang=' + LANG"), "the page asks for refusals in its language");
        HttpResponse<String> labels = client.send(HttpRequest.newBuilder(server.uri().resolve("api/labels?lang=fr"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(labels.body().contains("Traduction non officielle"), labels.body());
    }
}
