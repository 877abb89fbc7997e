package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Subscription;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.inserm.aipolicy.testing.ForwardingPolicyEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON API over real HTTP on the loopback interface. */
class PolicyServerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = """
            {"tool": {"name": "ChatGPT"}, "hosting": "EXTERNAL", "dataCategories": ["UNPUBLISHED_RESEARCH"],
             "purpose": "WRITING"}""";

    private static PolicyEngine engine;
    private static PolicyServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        engine = PolicyEngine.builder().build();
        // Many clients played from one address: its share of the connections is the whole server's.
        server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(0)
                .withClients(ClientLimits.defaults().withConnectionsPerClient(1024)), null);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> post(PolicyServer target, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(target.uri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertAll(
                () -> assertTrue(csp.contains("frame-ancestors 'none'"), csp),
                () -> assertTrue(csp.contains("script-src 'self'"), csp),
                () -> assertFalse(csp.contains("unsafe-inline"), csp),
                () -> assertEquals(Optional.of("nosniff"), response.headers().firstValue("X-Content-Type-Options")),
                () -> assertEquals(Optional.of("no-referrer"), response.headers().firstValue("Referrer-Policy")));
    }

    @Test
    void decidesAUsageAsTheLibraryDoes() throws Exception {
        HttpResponse<String> response = post(server, "api/decisions", GOOD);
        assertEquals(200, response.statusCode());
        assertEquals(PolicyJson.write(PolicyReports.of(engine).report(PolicyJson.readRequest(GOOD, engine.tools()).inLanguage(Language.EN))),
                response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("DENY", JSON.readTree(response.body()).get("verdict").asText());
        assertSecurityHeaders(response);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON            | {"tool": {"name": "ChatGPT"}, "hosting":                                                                   | (request)
            trailing garbage          | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": [], "purpose": "WRITING"} x                  | (request)
            not an object             | ["LOCAL"]                                                                                                  | (request)
            empty body                |                                                                                                            | (request)
            unknown field             | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": [], "purpose": "WRITING", "colour": "red"}   | colour
            unknown context field     | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": [], "purpose": "WRITING", "context": {"mood": true}} | context.mood
            wrong type                | {"tool": {"name": "x"}, "hosting": 3, "dataCategories": [], "purpose": "WRITING"}                          | hosting
            wrong type in context     | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": [], "purpose": "WRITING", "context": {"userTrained": "yes"}} | context.userTrained
            categories not a list     | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": "PUBLIC", "purpose": "WRITING"}              | dataCategories
            unknown enum value        | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": [], "purpose": "DANCING"}                    | purpose
            unknown category          | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": ["PUBLIC", "SECRET"], "purpose": "WRITING"}  | dataCategories[1]
            unknown subscription      | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": [], "purpose": "WRITING", "context": {"subscription": "GOLD"}} | context.subscription
            missing purpose           | {"tool": {"name": "x"}, "hosting": "LOCAL", "dataCategories": []}                                          | purpose
            missing tool name         | {"tool": {}, "hosting": "LOCAL", "dataCategories": [], "purpose": "WRITING"}                               | tool.name
            missing data categories   | {"tool": {"name": "x"}, "hosting": "LOCAL", "purpose": "WRITING"}                                          | dataCategories
            blank tool name           | {"tool": {"name": "  "}, "hosting": "LOCAL", "dataCategories": [], "purpose": "WRITING"}                   | tool.name
            duplicated field          | {"tool": {"name": "x"}, "hosting": "LOCAL", "hosting": "EXTERNAL", "dataCategories": [], "purpose": "WRITING"} | hosting
            """)
    void refusesBadInputNamingTheField(String what, String body, String field) throws Exception {
        HttpResponse<String> response = post(server, "api/decisions", body == null ? "" : body);
        assertEquals(400, response.statusCode(), what + ": " + response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals(field, error.get("field").asText(), what);
        assertTrue(error.get("message").asText().startsWith(field + ": "), error.toString());
        assertFalse(error.has("verdict"), "no decision for a request not understood");
        assertSecurityHeaders(response);
    }

    @Test
    void refusesMalformedUtf8() throws Exception {
        byte[] body = GOOD.replace("ChatGPT", "Chat\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals("(request)", JSON.readTree(response.body()).get("field").asText());
    }

    @Test
    void refusesATenMegabyteBody() throws Exception {
        String huge = "{\"tool\": {\"name\": \"" + "a".repeat(10 * 1024 * 1024) + "\"}}";
        HttpResponse<String> response = post(server, "api/decisions", huge);
        assertEquals(413, response.statusCode());
        assertFalse(JSON.readTree(response.body()).has("verdict"));
        assertSecurityHeaders(response);
    }

    @Test
    void refusesAnOversizedBodySentWithoutLength() throws Exception {
        byte[] big = new byte[PolicyServer.DEFAULT_MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
    }

    @Test
    void acceptsABodyJustUnderTheLimit() throws Exception {
        String padded = GOOD + " ".repeat(PolicyServer.DEFAULT_MAX_BODY_BYTES - GOOD.length());
        assertEquals(PolicyServer.DEFAULT_MAX_BODY_BYTES, padded.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(200, post(server, "api/decisions", padded).statusCode());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, api/decisions, POST", "PUT, api/decisions, POST", "DELETE, api/decisions, POST",
        "OPTIONS, api/decisions, POST", "POST, api/clauses, 'GET, HEAD'", "DELETE, health, 'GET, HEAD'",
        "POST, app.js, 'GET, HEAD'", "PUT, '', 'GET, HEAD'"})
    void refusesTheWrongMethod(String method, String path, String allowed) throws Exception {
        HttpResponse<String> response = send(method, path);
        assertEquals(405, response.statusCode());
        assertEquals(Optional.of(allowed), response.headers().firstValue("Allow"));
        assertFalse(response.body().contains("verdict"));
    }

    @Test
    void refusesBodiesThatAreNotJson() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(GOOD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode(), type);
        }
        HttpResponse<String> withCharset = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                .header("Content-Type", "application/json; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(GOOD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withCharset.statusCode());
    }

    @Test
    void closesTheConnectionWhenItAnswersBeforeReadingTheBody() throws Exception {
        // A refusal sent before the body is read must not invite the client to reuse a connection the
        // server may drop: CI once saw the next request on it get no bytes at all.
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(GOOD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(415, refused.statusCode());
            assertEquals(Optional.of("close"), refused.headers().firstValue("Connection"), "round " + i);
            assertEquals(200, client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GOOD)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "round " + i);
        }
        HttpResponse<String> decided = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GOOD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(Optional.empty(), decided.headers().firstValue("Connection"), "a read body keeps the connection");
    }

    @Test
    void servesTheCatalogue() throws Exception {
        HttpResponse<String> response = send("GET", "api/clauses");
        assertEquals(200, response.statusCode());
        JsonNode clauses = JSON.readTree(response.body()).get("clauses");
        List<String> ids = new ArrayList<>();
        clauses.forEach(c -> ids.add(c.get("id").asText()));
        assertEquals(engine.catalogue().stream().map(Clause::id).toList(), ids);
        assertSecurityHeaders(response);
    }

    @Test
    void servesTheContactsAndHealth() throws Exception {
        HttpResponse<String> contacts = send("GET", "api/contacts");
        assertEquals(200, contacts.statusCode());
        assertEquals(fr.inserm.aipolicy.decision.Contact.values().length, JSON.readTree(contacts.body()).get("contacts").size());
        HttpResponse<String> health = send("GET", "health");
        assertEquals(200, health.statusCode());
        JsonNode node = JSON.readTree(health.body());
        assertEquals("UP", node.get("status").asText());
        assertEquals(engine.policyVersion(), node.get("policyVersion").asText());
        assertEquals(engine.policyDigest(), node.get("policyDigest").asText());
    }

    @Test
    void namesTheContactsAsThePolicyDoesInEachLanguage() throws Exception {
        for (Language language : Language.values()) {
            JsonNode contacts = JSON.readTree(send("GET", "api/contacts?lang=" + language.code()).body()).get("contacts");
            assertEquals(Contact.values().length, contacts.size());
            for (JsonNode contact : contacts) {
                Contact id = Contact.valueOf(contact.get("id").asText());
                assertEquals(engine.policy().contact(id, language), contact.get("name").asText(), id + " in " + language);
                // Only the AI & Digital Unit's address is published.
                assertEquals(id == Contact.AI_UNIT ? "pole.ia@inserm.fr" : null,
                        contact.get("email").isNull() ? null : contact.get("email").asText(), id.name());
            }
        }
        assertFalse(engine.policy().contact(Contact.DPO, Language.FR).equals(engine.policy().contact(Contact.DPO, Language.EN)));
    }

    @Test
    void servesTheSchemaTheQuestionsAreBuiltFrom() throws Exception {
        HttpResponse<String> response = send("GET", "api/schema");
        assertEquals(200, response.statusCode());
        assertSecurityHeaders(response);
        JsonNode schema = JSON.readTree(response.body());
        JsonNode context = schema.get("context");
        assertEquals(ContextField.all().size(), context.size());
        for (int i = 0; i < context.size(); i++) {
            ContextField field = ContextField.all().get(i);
            JsonNode node = context.get(i);
            assertEquals(field.jsonName(), node.get("name").asText());
            assertEquals(field.path(), node.get("path").asText());
            assertEquals(field.type() == Boolean.class ? "boolean" : "enum", node.get("kind").asText());
            List<String> values = new ArrayList<>();
            node.get("values").forEach(v -> values.add(v.asText()));
            assertEquals(field.acceptedTexts(), values, field.jsonName());
        }
        List<String> names = new ArrayList<>();
        context.forEach(n -> names.add(n.get("name").asText()));
        assertTrue(names.containsAll(List.of("subscriptionAuthorised", "deployedForOthers")), names.toString());
        List<String> hostings = new ArrayList<>();
        schema.get("hosting").forEach(h -> hostings.add(h.asText()));
        assertEquals(java.util.Arrays.stream(Hosting.values()).map(Hosting::name).toList(), hostings);
        // Every value the schema lists is one the endpoint accepts.
        for (JsonNode node : context) {
            for (JsonNode value : node.get("values")) {
                String literal = node.get("kind").asText().equals("boolean") ? value.asText() : "\"" + value.asText() + "\"";
                String body = "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [],"
                        + " \"purpose\": \"WRITING\", \"context\": {\"" + node.get("name").asText() + "\": " + literal + "}}";
                assertEquals(200, post(server, "api/decisions", body).statusCode(), body);
            }
        }
    }

    /** A local model on health records: allowed, resting on what it takes for granted. */
    private static final String ASSUMING = """
            {"tool": {"name": "a local model"}, "hosting": "LOCAL", "dataCategories": ["IDENTIFIABLE_HEALTH_DATA"],
             "purpose": "SUMMARISATION"}""";

    @Test
    void aStrictDecisionEscalatesAnAllowThatRestsOnAnAssumption() throws Exception {
        JsonNode plain = JSON.readTree(post(server, "api/decisions", ASSUMING).body());
        assertEquals("ALLOW", plain.get("verdict").asText());
        assertTrue(plain.get("assumptions").size() > 0, plain.toString());
        assertFalse(plain.has("strict"));

        String strictRequest = ASSUMING.replace("\"purpose\"", "\"strict\": true, \"purpose\"");
        HttpResponse<String> response = post(server, "api/decisions", strictRequest);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(PolicyJson.write(PolicyReports.of(engine).report(PolicyJson.readRequest(strictRequest, engine.tools()).inLanguage(Language.EN))),
                response.body());
        JsonNode strict = JSON.readTree(response.body());
        assertEquals("ESCALATE", strict.get("verdict").asText());
        assertTrue(strict.get("strict").asBoolean());
        assertEquals(1, strict.get("reasons").size());
        assertEquals("STRICT", strict.get("reasons").get(0).get("rule").asText());
        assertEquals(plain.get("assumptions"), strict.get("assumptions"), "the same assumptions, strict or not");
        // Whom to ask: exactly the people who can answer the assumptions, each named.
        Set<String> fromAssumptions = new TreeSet<>();
        strict.get("assumptions").forEach(a -> a.get("escalateTo").forEach(c -> fromAssumptions.add(c.asText())));
        Set<String> escalateTo = new TreeSet<>();
        strict.get("escalateTo").forEach(c -> escalateTo.add(c.asText()));
        assertFalse(escalateTo.isEmpty());
        assertEquals(fromAssumptions, escalateTo);
        Set<String> named = new TreeSet<>();
        strict.get("contacts").forEach(c -> named.add(c.get("id").asText()));
        assertTrue(named.containsAll(escalateTo), named + " names " + escalateTo);

        // Strict changes nothing for a DENY.
        String deny = GOOD.replace("\"purpose\"", "\"strict\": true, \"purpose\"");
        assertEquals("DENY", JSON.readTree(post(server, "api/decisions", deny).body()).get("verdict").asText());
        // Nor for an ALLOW that states everything it could have assumed.
        String stated = "{\"tool\": {\"name\": \"a chat assistant\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\": [\"PUBLIC\"],"
                + " \"purpose\": \"TRANSLATION\", \"strict\": true, \"context\": {\"userTrained\": true, \"subscription\": \"NONE\"}}";
        JsonNode statedDecision = JSON.readTree(post(server, "api/decisions", stated).body());
        assertEquals(0, statedDecision.get("assumptions").size(), statedDecision.toString());
        assertEquals("ALLOW", statedDecision.get("verdict").asText());
    }

    @Test
    void refusesAStrictThatIsNotABoolean() throws Exception {
        HttpResponse<String> response = post(server, "api/decisions",
                ASSUMING.replace("\"purpose\"", "\"strict\": \"yes\", \"purpose\""));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("strict", JSON.readTree(response.body()).get("field").asText());
    }

    @Test
    void servesThePageWithItsHeaders() throws Exception {
        for (String path : List.of("", "index.html", "app.js", "style.css", "favicon.svg", "api/schema")) {
            HttpResponse<String> response = send("GET", path);
            assertEquals(200, response.statusCode(), path);
            assertSecurityHeaders(response);
        }
        HttpResponse<String> page = send("GET", "");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertFalse(page.body().contains("<script>"), "no inline script");
        assertFalse(page.body().matches("(?s).*\\son[a-z]+=.*"), "no inline event handler");
        assertTrue(page.body().contains("<script src=\"app.js\""));
        assertTrue(send("GET", "app.js").headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        for (String path : List.of("nope", "api", "api/decisions/1", "static/app.js", "index.htm")) {
            HttpResponse<String> response = send("GET", path);
            assertEquals(404, response.statusCode(), path);
            assertSecurityHeaders(response);
        }
        // Jetty refuses paths that climb out of the root, or that are ambiguous, before any handler runs.
        for (String path : List.of("../pom.xml", "%2e%2e/x", "a/%2e%2e/%2e%2e/pom.xml")) {
            HttpResponse<String> response = send("GET", path);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, path + ": " + response.statusCode());
            assertFalse(response.body().contains("<project"), path);
            assertSecurityHeaders(response);
        }
    }

    /** Random usages from a printed seed: every enum value and context field gets exercised. */
    static String randomUsage(Random random) {
        ObjectNode usage = JSON.createObjectNode();
        ObjectNode tool = usage.putObject("tool");
        tool.put("name", "tool-" + random.nextInt(1000));
        Purpose purpose = pick(random, Purpose.values());
        if (random.nextBoolean() && !purpose.producesContent()) {
            tool.put("generative", random.nextBoolean());
        }
        if (random.nextBoolean()) {
            tool.put("parametersBillions", random.nextInt(200));
        }
        usage.put("hosting", pick(random, Hosting.values()).name());
        ArrayNode categories = usage.putArray("dataCategories");
        for (DataCategory c : DataCategory.values()) {
            if (random.nextInt(6) == 0) {
                categories.add(c.name());
            }
        }
        if (categories.isEmpty() && purpose.consumesData()) {
            categories.add(DataCategory.PUBLIC.name());
        }
        usage.put("purpose", purpose.name());
        ObjectNode context = usage.putObject("context");
        for (String flag : List.of("userTrained", "expertReview", "dpiaCompleted", "subcontractingAgreement",
                "trainingDataLawful", "webScraping", "scrapingTermsRespected", "apiAvailable",
                "automatedDecisionOnPeople", "forPublication")) {
            int v = random.nextInt(3);
            if (v < 2) {
                context.put(flag, v == 0);
            }
        }
        if (random.nextBoolean()) {
            context.put("subscription", pick(random, Subscription.values()).name());
        }
        if (random.nextBoolean()) {
            context.put("codeTarget", pick(random, CodeTarget.values()).name());
        }
        return usage.toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    @Test
    void twoHundredConcurrentRequestsGetTheLibrarysDecisions() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> usages = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            usages.add(randomUsage(random));
        }
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (String usage : usages) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(usage)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        java.util.Set<String> verdicts = new java.util.TreeSet<>();
        for (int i = 0; i < usages.size(); i++) {
            HttpResponse<String> response = pending.get(i).join();
            DecisionReport expected = PolicyReports.of(engine).report(EvaluationRequest.of(PolicyJson.readUsage(usages.get(i)))
                    .inLanguage(Language.EN));
            verdicts.add(expected.decision().verdict().name());
            assertEquals(200, response.statusCode(), "seed " + seed + ", request " + i);
            assertEquals(PolicyJson.write(expected), response.body(), "seed " + seed + ", usage " + usages.get(i));
        }
        assertEquals(3, verdicts.size(), "seed " + seed + ": the sample should reach every verdict, got " + verdicts);
    }

    @Test
    void rateLimitsEachClientButNotHealth() throws Exception {
        try (PolicyServer limited = PolicyServer.start(engine,
                PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(3), null)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, post(limited, "api/decisions", GOOD).statusCode(), "request " + i);
            }
            HttpResponse<String> refused = post(limited, "api/decisions", GOOD);
            assertEquals(429, refused.statusCode());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertFalse(refused.body().contains("verdict"));
            assertSecurityHeaders(refused);
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(limited.uri().resolve("health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }

    @Test
    void logsNoRequestContent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String secret = "Patient-Dupont-4711";
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PolicyServer logged = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0), log);
        try {
            assertEquals(200, post(logged, "api/decisions", GOOD.replace("ChatGPT", secret)).statusCode());
            assertEquals(400, post(logged, "api/decisions", GOOD.replace("\"WRITING\"", "\"" + secret + "\"")).statusCode());
            assertEquals(400, post(logged, "api/decisions", "{\"" + secret + "\": 1}").statusCode());
            assertEquals(404, client.send(HttpRequest.newBuilder(logged.uri().resolve(secret + "?q=" + secret)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            logged.close(); // waits for the requests in progress, so the log is complete
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("POST /api/decisions 200"), text);
        assertTrue(text.contains("GET (other) 404"), text);
        assertFalse(text.contains(secret), text);
    }

    @Test
    void anEngineFailureGivesAGenericErrorAndNoDecision() throws Exception {
        PolicyEngine failing = new FailingEngine(engine);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PolicyServer broken = PolicyServer.start(failing, PolicyServer.Options.defaults().withPort(0), log);
        JsonNode body;
        try {
            HttpResponse<String> response = post(broken, "api/decisions", GOOD);
            assertEquals(500, response.statusCode());
            body = JSON.readTree(response.body());
            assertEquals("internal error", body.get("error").asText());
            assertNotNull(body.get("incident"));
            assertFalse(body.has("verdict"));
            assertFalse(response.body().contains("FailingEngine"), response.body());
            assertFalse(response.body().contains("secret detail"), response.body());
            assertFalse(response.body().contains("\tat "), response.body());
            assertSecurityHeaders(response);
        } finally {
            broken.close();
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("internal error " + body.get("incident").asText()), text);
        assertFalse(text.contains("secret detail"), text);
    }

    /** An engine whose evaluation fails with a message that must not reach the client. */
    private static final class FailingEngine extends ForwardingPolicyEngine {
        FailingEngine(PolicyEngine delegate) {
            super(delegate);
        }

        @Override
        public Decision evaluate(Usage usage) {
            throw new IllegalStateException("secret detail about " + usage.tool().name());
        }
    }
}
