package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.testing.DecisionLogRecords;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --decision-log DIR} on the server: one record per decision asked over HTTP (none for the
 * alternatives' variants), carrying the id the answer shows, the requester only from the configured
 * header, and never the client's address.
 */
class ServerDecisionLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> lines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Test
    void everyHttpDecisionIsRecordedOnceUnderTheIdItsAnswerShows(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("decisions");
        List<String> rest = new ArrayList<>();
        ServerRecording recording = ServerRecording.take(new String[] {"--port", "0", "--decision-log", folder.toString(),
            "--requester-header", "X-Remote-User", "--mask-tool-names"}, rest);
        assertEquals(List.of("--port", "0"), rest);
        PolicyEngine engine = recording.wrap(PolicyEngine.builder().build(), List.of());
        PolicyServer server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withRequestsPerMinute(0), null);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> ids = new ArrayList<>();
        try {
            String[] purposes = {"WRITING", "TRANSLATION", "CODE_GENERATION", "SUMMARISATION"};
            for (int i = 0; i < purposes.length; i++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"tool\": {\"name\": \"notes on patient "
                                + i + "\"}, \"hosting\": \"EXTERNAL\", \"dataCategories\": [\"IDENTIFIABLE_HEALTH_DATA\"],"
                                + " \"purpose\": \"" + purposes[i] + "\", \"alternatives\": true}"));
                if (i > 0) {
                    request.header("X-Remote-User", "user" + i);
                }
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                JsonNode answer = JSON.readTree(response.body());
                assertTrue(answer.get("decisionId").asText().matches("[0-9a-f-]{14}7[0-9a-f-]{21}"), response.body());
                assertEquals("DENY", answer.get("verdict").asText());
                ids.add(answer.get("decisionId").asText());
            }
            // a request refused before deciding records nothing
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, refused.statusCode());
        } finally {
            server.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines(folder).size() < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        List<String> lines = lines(folder);
        assertEquals(ids.size(), lines.size(), "one record per decision: " + lines);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode record = DecisionLogRecords.check(lines.get(i));
            assertEquals(ids.get(i), record.get("id").asText());
            assertEquals("HTTP", record.get("channel").asText());
            assertEquals("masked", record.get("tool").asText());
            assertFalse(lines.get(i).contains("patient"), "the typed name is masked");
            assertFalse(lines.get(i).contains("127.0.0.1"), "no address");
            if (i == 0) {
                assertFalse(record.has("requester"), "no header, no requester");
            } else {
                assertEquals("user" + i, record.get("requester").asText());
            }
        }
    }

    @Test
    void optionsOfTheLogAreChecked() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerRecording.take(new String[] {"--requester-header", "X-Remote-User"}, new ArrayList<>()));
        assertTrue(e.getMessage().contains("go with --decision-log DIR"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerRecording.take(new String[] {"--decision-log", "x", "--requester-header", "X User:"},
                        new ArrayList<>()));
        assertTrue(e.getMessage().contains("header name"), e.getMessage());
    }
}
