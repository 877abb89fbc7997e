package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.PolicyEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: Prometheus's text format, whose counters match the decisions and refusals made. */
class ServerMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A sample line: a name, labels, a value (Prometheus text format 0.0.4). */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\})? "
                    + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Every line parsed: samples by name and labels. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a Prometheus sample line: " + line);
            samples.put(m.group(1) + (m.group(3) == null ? "" : "{" + m.group(3) + "}"), Double.parseDouble(m.group(4)));
        }
        return samples;
    }

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri.resolve("api/decisions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void countersMatchTheDecisionsMade() throws Exception {
        ServerRecording recording = ServerRecording.take(new String[0], new ArrayList<>());
        PolicyEngine engine = recording.wrap(PolicyEngine.builder().build(), List.of());
        PolicyServer server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withRequestsPerMinute(0), null);
        Map<String, Integer> verdicts = new HashMap<>();
        try {
            String[] hostings = {"EXTERNAL", "LOCAL", "INTERNAL"};
            String[] categories = {"PUBLIC", "IDENTIFIABLE_HEALTH_DATA"};
            for (String hosting : hostings) {
                for (String category : categories) {
                    HttpResponse<String> response = post(server.uri(), "{\"tool\": {\"name\": \"some tool\"}, \"hosting\": \""
                            + hosting + "\", \"dataCategories\": [\"" + category + "\"], \"purpose\": \"WRITING\"}");
                    assertEquals(200, response.statusCode(), response.body());
                    assertTrue(!JSON.readTree(response.body()).has("decisionId"), "no log, no id to quote");
                    verdicts.merge(JSON.readTree(response.body()).get("verdict").asText(), 1, Integer::sum);
                }
            }
            assertEquals(400, post(server.uri(), "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"MOON\","
                    + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"WRITING\"}").statusCode());
            assertEquals(400, post(server.uri(), "{\"tool\": {\"name\": \"x\"}, \"hosting\": \"LOCAL\","
                    + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"WRITING\", \"patientName\": \"X\"}").statusCode());
            Map<String, Double> samples = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) { // the listener counts on its own thread
                String body = get(server.uri().resolve("metrics"));
                assertTrue(body.startsWith("200 "), body);
                samples = parse(body.substring(4));
                double total = samples.entrySet().stream().filter(e -> e.getKey().startsWith("aipolicy_decisions_total{"))
                        .mapToDouble(Map.Entry::getValue).sum();
                if (total >= 6) {
                    break;
                }
                Thread.sleep(50);
            }
            for (Map.Entry<String, Integer> verdict : verdicts.entrySet()) {
                assertEquals(verdict.getValue().doubleValue(),
                        samples.get("aipolicy_decisions_total{channel=\"http\",verdict=\"" + verdict.getKey() + "\"}"),
                        verdict.getKey() + " in " + samples.keySet());
            }
            assertEquals(6.0, samples.get("aipolicy_decision_duration_seconds_count{channel=\"http\"}"));
            assertNotNull(samples.get("aipolicy_decision_duration_seconds_bucket{channel=\"http\",le=\"+Inf\"}"));
            assertEquals(1.0, samples.get("aipolicy_requests_refused_total{field=\"hosting\"}"), samples.keySet().toString());
            assertEquals(1.0, samples.get("aipolicy_requests_refused_total{field=\"other\"}"), "a field typed is not a tag");
            assertEquals(1.0, samples.get("aipolicy_policy_info{digest=\"" + engine.policyDigest() + "\",version=\""
                    + engine.policyVersion() + "\"}"));
            assertEquals(0.0, samples.get("aipolicy_decision_events_dropped_total"));
        } finally {
            server.close();
        }
    }

    @Test
    void metricsOnAnotherPortOrOff() throws Exception {
        ServerRecording recording = ServerRecording.take(new String[] {"--metrics-port", "0"}, new ArrayList<>());
        PolicyEngine engine = recording.wrap(PolicyEngine.builder().build(), List.of());
        PolicyServer server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withRequestsPerMinute(0), null);
        try (ServerMetricsPort metrics = recording.startMetricsPort("127.0.0.1")) {
            assertTrue(get(server.uri().resolve("metrics")).startsWith("404 "), "not on the page's port");
            String body = get(URI.create("http://127.0.0.1:" + metrics.port() + "/metrics"));
            assertTrue(body.startsWith("200 ") && parse(body.substring(4)).containsKey("aipolicy_policy_info{digest=\""
                    + engine.policyDigest() + "\",version=\"" + engine.policyVersion() + "\"}"), body);
            assertTrue(get(URI.create("http://127.0.0.1:" + metrics.port() + "/")).startsWith("404 "));
        } finally {
            server.close();
        }
        ServerRecording off = ServerRecording.take(new String[] {"--metrics-port", "off"}, new ArrayList<>());
        PolicyEngine plain = PolicyEngine.builder().build();
        assertTrue(off.wrap(plain, List.of()) == plain, "nothing to record: the engine itself");
        assertEquals(null, off.startMetricsPort("127.0.0.1"));
    }
}
