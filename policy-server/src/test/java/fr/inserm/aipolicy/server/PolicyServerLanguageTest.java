package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.Hosting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** English and French: the page's texts, the choice of language, and the one request format of the endpoint. */
class PolicyServerLanguageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DENIED = "{\"tool\": {\"name\": \"a chat assistant\"}, \"hosting\": \"EXTERNAL\","
            + " \"dataCategories\": [\"PSEUDONYMISED_DATA\"], \"purpose\": \"DATA_ANALYSIS\"}";

    private static PolicyEngine engine;
    private static PolicyServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        engine = PolicyEngine.builder().build();
        server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(0), null);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) throws IOException {
        try (var in = PolicyServerLanguageTest.class.getResourceAsStream("/fr/inserm/aipolicy/server/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void everyTextOfThePageAndScriptIsInBothBundles() throws Exception {
        Properties en = PolicyPageBrowserTest.pageTexts(Language.EN);
        Properties fr = PolicyPageBrowserTest.pageTexts(Language.FR);
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(fr.stringPropertyNames()));
        Set<String> used = matches(resource("static/index.html"), "\\{\\{([A-Za-z0-9_.-]+)}}");
        used.remove("lang");
        used.addAll(matches(resource("static/app.js"), "\\bt\\('([A-Za-z0-9_.]*[A-Za-z0-9_])'\\s*[,)]"));
        assertTrue(used.size() > 100, "keys used: " + used.size());
        for (String key : used) {
            assertTrue(en.containsKey(key) && !en.getProperty(key).isBlank(), "English lacks " + key);
            assertTrue(fr.containsKey(key) && !fr.getProperty(key).isBlank(), "French lacks " + key);
        }
        // Keys built at run time in the script: one question per context field of the library (its
        // explanation optional), one label per value of an enumeration, one title per hosting.
        for (ContextField field : ContextField.all()) {
            List<String> keys = new java.util.ArrayList<>(List.of("q." + field.jsonName()));
            if (field.type() != Boolean.class) {
                field.acceptedTexts().forEach(v -> keys.add(field.jsonName() + "." + v));
            }
            for (String key : keys) {
                assertTrue(en.containsKey(key) && !en.getProperty(key).isBlank(), "English lacks " + key);
                assertTrue(fr.containsKey(key) && !fr.getProperty(key).isBlank(), "French lacks " + key);
                assertFalse(en.getProperty(key).equals(fr.getProperty(key)), "not translated: " + key);
            }
        }
        for (Hosting hosting : Hosting.values()) {
            String key = "hosting." + hosting.name() + ".title";
            assertTrue(en.containsKey(key) && fr.containsKey(key), key);
        }
        // Keys built at run time in the script: one per verdict and effect.
        for (String verdict : new String[] {"ALLOW", "ESCALATE", "DENY"}) {
            for (String key : new String[] {"verdict." + verdict + ".title", "verdict." + verdict + ".summary", "effect." + verdict}) {
                assertTrue(en.containsKey(key) && fr.containsKey(key), key);
            }
        }
    }

    @Test
    void theFrenchPageHasNoEnglishSentence() throws Exception {
        Properties en = PolicyPageBrowserTest.pageTexts(Language.EN);
        Properties fr = PolicyPageBrowserTest.pageTexts(Language.FR);
        String page = get("?lang=fr", null).body();
        assertTrue(page.contains("<html lang=\"fr\">"), page.substring(0, 80));
        int checked = 0;
        for (String key : en.stringPropertyNames()) {
            String english = PageContent.escape(en.getProperty(key));
            if (english.length() > 12 && !english.equals(PageContent.escape(fr.getProperty(key)))) {
                assertFalse(page.contains(english), "English text of " + key + " on the French page");
                checked++;
            }
        }
        assertTrue(checked > 80, "texts checked: " + checked);
        assertFalse(page.contains("{{"), "every placeholder filled");
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "'', -, en", "'', 'fr-FR,fr;q=0.9,en;q=0.8', fr", "'', 'en-GB,en;q=0.9,fr;q=0.8', en", "'', 'de-DE,fr;q=0.5', fr",
        "'', 'de-DE', en", "'', 'fr;q=0.2,en;q=0.8', en", "?lang=fr, 'en-GB', fr", "?lang=en, 'fr-FR', en",
        "?lang=FR, -, fr"})
    void picksThePagesLanguage(String query, String acceptLanguage, String expected) throws Exception {
        HttpResponse<String> page = get(query, acceptLanguage);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html lang=\"" + expected + "\">"), page.body().substring(0, 80));
        assertEquals("Accept-Language", page.headers().firstValue("Vary").orElse(""));
        Properties texts = PolicyPageBrowserTest.pageTexts(Language.of(expected));
        assertTrue(page.body().contains("<h1>" + PageContent.escape(texts.getProperty("page.heading")) + "</h1>"));
    }

    @Test
    void refusesALanguageItDoesNotSpeak() throws Exception {
        for (String path : new String[] {"?lang=de", "api/labels?lang=", "api/clauses?lang=klingon"}) {
            HttpResponse<String> response = get(path, null);
            assertEquals(400, response.statusCode(), path);
            JsonNode error = JSON.readTree(response.body());
            assertEquals("lang", error.get("field").asText(), path);
            assertEquals("[\"en\",\"fr\"]", error.get("acceptedValues").toString());
        }
        HttpResponse<String> body = post(DENIED.replace("{\"tool\"", "{\"language\": \"de\", \"tool\""), null);
        assertEquals(400, body.statusCode());
        assertEquals("language", JSON.readTree(body.body()).get("field").asText());
    }

    @Test
    void servesThePagesTextsAndTheCatalogueInBothLanguages() throws Exception {
        for (Language language : Language.values()) {
            JsonNode labels = JSON.readTree(get("api/labels?lang=" + language.code(), null).body());
            assertEquals(language.code(), labels.get("language").asText());
            Properties texts = PolicyPageBrowserTest.pageTexts(language);
            assertEquals(texts.size(), labels.get("labels").size());
            texts.stringPropertyNames().forEach(k -> assertEquals(texts.getProperty(k), labels.get("labels").get(k).asText(), k));

            JsonNode clauses = JSON.readTree(get("api/clauses", language == Language.FR ? "fr" : "en").body()).get("clauses");
            assertEquals(PolicyReports.of(engine).catalogue(language.locale()).get(0).title(), clauses.get(0).get("title").asText());

            JsonNode contacts = JSON.readTree(get("api/contacts?lang=" + language.code(), null).body()).get("contacts");
            assertEquals(4, contacts.size());
            for (JsonNode contact : contacts) {
                boolean unit = contact.get("id").asText().equals("AI_UNIT");
                assertEquals(unit ? "pole.ia@inserm.fr" : null, contact.get("email").isNull() ? null : contact.get("email").asText());
                assertFalse(contact.get("name").asText().isBlank());
            }
        }
        JsonNode frenchDpo = JSON.readTree(get("api/contacts?lang=fr", null).body()).get("contacts").get(0);
        assertEquals("Délégué à la protection des données (DPO)", frenchDpo.get("name").asText());
    }

    @Test
    void answersInTheRequestsLanguageThenAcceptLanguageThenEnglish() throws Exception {
        String french = PolicyJson.write(PolicyReports.of(engine).report(PolicyJson.readRequest(DENIED, engine.tools()).inLanguage(Language.FR)));
        String english = PolicyJson.write(PolicyReports.of(engine).report(PolicyJson.readRequest(DENIED, engine.tools()).inLanguage(Language.EN)));
        assertFalse(french.equals(english));
        assertEquals(french, post(DENIED, "fr-FR,fr;q=0.9").body());
        assertEquals(english, post(DENIED, null).body());
        assertEquals(english, post(DENIED.replace("{\"tool\"", "{\"language\": \"en\", \"tool\""), "fr-FR").body());
        assertEquals(french, post(DENIED.replace("{\"tool\"", "{\"language\": \"fr\", \"tool\""), "en").body());
    }

    @Test
    void acceptsWhatTheLibrarysRequestReaderAccepts() throws Exception {
        // A catalogued tool without hosting, alternatives, disclosure facts: what the command line accepts.
        String request = "{\"tool\": {\"name\": \"DeepL\"}, \"dataCategories\": [\"PUBLIC\"],"
                + " \"purpose\": \"WRITING\", \"alternatives\": true, \"context\": {\"forPublication\": true},"
                + " \"disclosure\": {\"role\": \"polishing the English\"}}";
        EvaluationRequest read = PolicyJson.readRequest(request, engine.tools());
        HttpResponse<String> response = post(request, null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(PolicyJson.write(PolicyReports.of(engine).report(read.inLanguage(Language.EN))), response.body());
        JsonNode report = JSON.readTree(response.body());
        assertEquals("[\"hosting\"]", report.get("toolCatalogue").get("completed").toString().replace(",\"tool.parametersBillions\"", ""));
        assertTrue(report.has("alternatives"));
        assertTrue(report.get("disclosure").get("en").get("text").asText().contains("polishing the English"));
    }
}
