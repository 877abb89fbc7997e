package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.testing.ForwardingPolicyEngine;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json}, written by hand, read by a real OpenAPI 3 parser and held against real
 * answers: every documented status of every operation is produced, and each answer's status and
 * top-level fields must be the documented ones.
 */
class OpenApiDescriptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "{\"tool\": {\"name\": \"ChatGPT\"}, \"dataCategories\": [\"PUBLIC\"],"
            + " \"purpose\": \"TRANSLATION\", \"alternatives\": true, \"context\": {\"forPublication\": true}}";

    private static final String FORM = "tool-name=ChatGPT&dataCategories=PUBLIC&purpose=TRANSLATION&forPublication=true";

    private static PolicyEngine engine;
    private static PolicyServer server;
    private static PolicyServer limited;
    private static PolicyServer failing;
    private static PolicyServer impatient;
    private static OpenAPI api;

    @BeforeAll
    static void start() throws Exception {
        engine = PolicyEngine.builder().build();
        PolicyServer.Options options = PolicyServer.Options.defaults().withPort(0);
        // a server that records its decisions, so that its answers carry every documented field (decisionId)
        server = PolicyServer.start(new RecordingEngine(engine, fr.inserm.aipolicy.event.DecisionEvents.to(e -> {
        }), null), options.withRequestsPerMinute(0), null);
        limited = PolicyServer.start(engine, options.withRequestsPerMinute(1), null);
        failing = PolicyServer.start(new ForwardingPolicyEngine(engine) {
            @Override
            public Decision evaluate(Usage usage) {
                throw new IllegalStateException("failure for the test");
            }
        }, options.withRequestsPerMinute(0), null);
        impatient = PolicyServer.start(engine, options.withRequestsPerMinute(0).withIdleTimeoutMillis(400), null);
        String text = exchange(server, "GET", "/openapi.json", null, null, null).body;
        ParseOptions parse = new ParseOptions();
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, parse);
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(), "parser: " + result.getMessages());
        api = result.getOpenAPI();
        assertNotNull(api);
    }

    @AfterAll
    static void stop() {
        for (PolicyServer s : new PolicyServer[] {server, limited, failing, impatient}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** One raw answer. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Sends one request over a new connection, with any Host, and reads the answer to its end. */
    static Answer exchange(PolicyServer target, String method, String path, String host, String contentType,
            String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        request.append("Host: ").append(host == null ? "127.0.0.1:" + target.port() : host).append("\r\n");
        request.append("Connection: close\r\n");
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    /** Sends headers and the start of a body, then nothing: the server must give up waiting. */
    static Answer stalledBody(PolicyServer target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + target.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"tool\"")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // Answer incomplete: parsed as far as it came.
        }
        return bytes.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "no answer: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }

    /** Produces the documented status of an operation with a real request. */
    private static Answer produce(String path, String method, int status) throws IOException {
        boolean post = method.equals("POST");
        // The page's form (POST /) is posted as a browser posts it; the API takes JSON.
        boolean form = post && path.equals("/");
        String type = form ? "application/x-www-form-urlencoded" : post ? "application/json" : null;
        String body = form ? FORM : post ? GOOD : null;
        return switch (status) {
            case 200 -> exchange(server, method, path, null, type, body);
            case 400 -> post ? exchange(server, method, path, null, type, body.replace("TRANSLATION", "DANCING"))
                    : exchange(server, method, path + "?lang=xx", null, null, null);
            case 405 -> exchange(server, "DELETE", path, null, null, null);
            case 408 -> stalledBody(impatient);
            case 413 -> exchange(server, method, path, null, type, " ".repeat(70_000) + (form ? FORM : GOOD));
            case 415 -> exchange(server, method, path, null, "text/plain", body);
            case 421 -> exchange(server, method, path, "evil.example", type, body);
            case 429 -> {
                exchange(limited, method, path, null, type, body); // the one request of the minute
                yield exchange(limited, method, path, null, type, body);
            }
            case 500 -> exchange(failing, method, path, null, type, body);
            default -> throw new AssertionError("no way to produce " + status + " for " + method + " " + path);
        };
    }

    private static Schema<?> resolve(Schema<?> schema) {
        if (schema != null && schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            return api.getComponents().getSchemas().get(name);
        }
        return schema;
    }

    @Test
    void everyDocumentedAnswerIsTheOneTheServerGives() throws Exception {
        int checked = 0;
        Set<String> statuses = new TreeSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                String method = operation.getKey().name();
                for (Map.Entry<String, ApiResponse> documented : operation.getValue().getResponses().entrySet()) {
                    int status = Integer.parseInt(documented.getKey());
                    String what = method + " " + path.getKey() + " " + status;
                    Answer answer = produce(path.getKey(), method, status);
                    assertEquals(status, answer.status(), what + ": " + answer.body());
                    assertTrue(answer.headers().getOrDefault("content-security-policy", "").contains("default-src 'none'"), what);
                    checkBody(what, documented.getValue(), answer);
                    if (documented.getValue().getHeaders() != null) {
                        for (String header : documented.getValue().getHeaders().keySet()) {
                            assertTrue(answer.headers().containsKey(header.toLowerCase(Locale.ROOT)), what + " has " + header);
                        }
                    }
                    statuses.add(documented.getKey());
                    checked++;
                }
            }
        }
        assertTrue(checked >= 30, "answers checked: " + checked);
        assertEquals(Set.of("200", "400", "405", "408", "413", "415", "421", "429", "500"), statuses);
    }

    private static void checkBody(String what, ApiResponse documented, Answer answer) throws IOException {
        assertNotNull(documented.getContent(), what + " documents its content");
        String type = answer.headers().getOrDefault("content-type", "");
        MediaType media = documented.getContent().get(type.split(";")[0].trim());
        assertNotNull(media, what + ": documented as " + documented.getContent().keySet() + ", answered " + type);
        if (!type.startsWith("application/json")) {
            return;
        }
        Schema<?> schema = resolve(media.getSchema());
        if (schema == null || schema.getProperties() == null) {
            JSON.readTree(answer.body()); // at least JSON
            return;
        }
        JsonNode body = JSON.readTree(answer.body());
        List<String> fields = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            fields.add(names.next());
        }
        if (schema.getRequired() != null) {
            for (String required : schema.getRequired()) {
                assertTrue(fields.contains(required), what + " lacks " + required + ": " + fields);
            }
        }
        if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
            for (String field : fields) {
                assertTrue(schema.getProperties().containsKey(field), what + " has the undocumented field " + field);
            }
        }
        // Enumerations of the top level, such as verdict and language, hold the answer's value.
        for (String property : schema.getProperties().keySet()) {
            List<?> values = schema.getProperties().get(property).getEnum();
            if (values != null && body.has(property)) {
                assertTrue(values.contains(body.get(property).asText()), what + ": " + property);
            }
        }
    }

    @Test
    void documentsEveryContextFieldOfTheLibraryWithItsValues() {
        Schema<?> context = (Schema<?>) api.getComponents().getSchemas().get("DecisionRequest").getProperties().get("context");
        assertEquals(fr.inserm.aipolicy.usage.ContextField.all().stream().map(fr.inserm.aipolicy.usage.ContextField::jsonName)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)), new TreeSet<>(context.getProperties().keySet()));
        for (fr.inserm.aipolicy.usage.ContextField field : fr.inserm.aipolicy.usage.ContextField.all()) {
            Schema<?> documented = (Schema<?>) context.getProperties().get(field.jsonName());
            if (field.type() == Boolean.class) {
                assertEquals("boolean", documented.getType(), field.jsonName());
            } else {
                assertEquals(field.acceptedTexts(), documented.getEnum().stream().map(String::valueOf).toList(), field.jsonName());
            }
        }
        Map<String, Schema> request = api.getComponents().getSchemas().get("DecisionRequest").getProperties();
        assertNotNull(request.get("strict"));
        assertNotNull(api.getPaths().get("/api/schema"));
        // the values the server fills in from the library's enumerations
        assertEquals(java.util.Arrays.stream(fr.inserm.aipolicy.usage.Hosting.values()).map(Enum::name).toList(),
                request.get("hosting").getEnum().stream().map(String::valueOf).toList());
        assertEquals(java.util.Arrays.stream(fr.inserm.aipolicy.usage.Purpose.values()).map(Enum::name).toList(),
                request.get("purpose").getEnum().stream().map(String::valueOf).toList());
        assertEquals(java.util.Arrays.stream(fr.inserm.aipolicy.usage.DataCategory.values()).map(Enum::name).toList(),
                request.get("dataCategories").getItems().getEnum().stream().map(String::valueOf).toList());
    }

    @Test
    void documentsEveryFieldOfAReportWithEverythingInIt() throws Exception {
        // Alternatives (asked for), disclosure and frugality all present: a large model, for a publication.
        String request = "{\"tool\": {\"name\": \"Mistral Large\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\":"
                + " [\"PUBLIC\"], \"purpose\": \"SUMMARISATION\", \"alternatives\": true,"
                + " \"strict\": true, \"context\": {\"forPublication\": true}}";
        Answer answer = exchange(server, "POST", "/api/decisions", null, "application/json", request);
        assertEquals(200, answer.status(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        Schema<?> report = api.getComponents().getSchemas().get("DecisionReport");
        Set<String> fields = new TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(report.getProperties().keySet()), fields,
                "the report's fields, all present here, are exactly the documented ones");
    }
}
