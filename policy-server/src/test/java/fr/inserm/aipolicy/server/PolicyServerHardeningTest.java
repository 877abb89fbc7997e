package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.PolicyEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server against slow, malformed, misdirected and numerous clients, on the loopback interface
 * only; every test is bounded in count and in time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyServerHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "{\"tool\": {\"name\": \"Llama3.2-1B via Ollama\"}, \"hosting\": \"LOCAL\","
            + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"SUMMARISATION\"}";

    private static PolicyEngine engine;
    private static PolicyServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        engine = PolicyEngine.builder().build();
        // Many clients played from one address: its share of the connections is the whole server's.
        server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(0)
                .withClients(ClientLimits.defaults().withConnectionsPerClient(1024)), null);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Socket connect(PolicyServer target) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Sends raw bytes and reads the answer until the server closes or {@code millis} pass. */
    private static String raw(PolicyServer target, String request, int millis) throws IOException {
        try (Socket socket = connect(target)) {
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readAvailable(socket.getInputStream());
        }
    }

    private static String readAvailable(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // What came before the time-out or the reset is the answer.
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static String host() {
        return "127.0.0.1:" + server.port();
    }

    private static void assertSecurityHeaders(String rawResponse) {
        String lower = rawResponse.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("content-security-policy: default-src 'none'"), rawResponse);
        assertTrue(lower.contains("x-content-type-options: nosniff"), rawResponse);
        assertTrue(lower.contains("referrer-policy: no-referrer"), rawResponse);
        assertTrue(lower.contains("x-frame-options: deny"), rawResponse);
        assertFalse(lower.contains("\tat "), "no stack trace: " + rawResponse);
        assertFalse(lower.contains("exception"), "no exception named: " + rawResponse);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void slowClientsTricklingHeadersAndBodiesDoNotDelayOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 64; i++) {
                Socket s = connect(server);
                s.getOutputStream().write(("POST /api/decisions HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: ")
                        .getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            for (int i = 0; i < 64; i++) {
                Socket s = connect(server);
                s.getOutputStream().write(("POST /api/decisions HTTP/1.1\r\nHost: " + host()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"tool\": ")
                        .getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            // One byte per connection every 200 ms: never idle long enough to be timed out.
            trickle.scheduleAtFixedRate(() -> {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write(' ');
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        // A connection the server closed: counted below.
                    }
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            long worst = 0;
            for (int poll = 0; poll < 20; poll++) {
                long started = System.nanoTime();
                HttpResponse<String> health = get("health");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertEquals(200, health.statusCode());
                worst = Math.max(worst, millis);
                assertTrue(millis < 1000, "poll " + poll + " took " + millis + " ms");
                Thread.sleep(100);
            }
            HttpResponse<String> decision = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(GOOD)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, decision.statusCode(), "a decision is still answered");
            System.out.println("slow clients: worst /health poll " + worst + " ms with 128 slow connections");
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aSilentClientIsTimedOut() throws Exception {
        try (PolicyServer quick = PolicyServer.start(engine,
                PolicyServer.Options.defaults().withPort(0).withIdleTimeoutMillis(500), null)) {
            for (String partial : List.of("GET /health HTTP/1.1\r\nHost: 127.0.0.1",
                    "POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + quick.port()
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")) {
                long started = System.nanoTime();
                String answer = raw(quick, partial, 5000);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertTrue(millis < 3000, "closed after " + millis + " ms: " + answer);
                assertFalse(answer.contains("verdict"), answer);
            }
        }
    }

    @Test
    void aMalformedChunkIsAnswered400Quickly() throws Exception {
        for (String chunks : List.of("ZZ\r\nabc\r\n", "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n", "3\r\nabcdef\r\n0\r\n\r\n")) {
            long started = System.nanoTime();
            String answer = raw(server, "POST /api/decisions HTTP/1.1\r\nHost: " + host()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks, 2000);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), chunks + ": " + answer);
            assertTrue(millis < 2000, millis + " ms");
            assertSecurityHeaders(answer);
            assertFalse(answer.contains("verdict"), answer);
        }
    }

    @Test
    void refusesAHostItWasNotStartedFor() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + server.port(), "127.0.0.1", "localhost:1",
                "127.0.0.1:" + server.port() + ".evil.example")) {
            String answer = raw(server, "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", 3000);
            // 421 from the allow-list; Jetty itself answers 400 to a Host whose port is not a number.
            assertTrue(answer.startsWith("HTTP/1.1 421 ") || host.endsWith(".evil.example") && answer.startsWith("HTTP/1.1 400 "),
                    host + ": " + answer);
            assertSecurityHeaders(answer);
            assertFalse(answer.contains("policyDigest"), answer);
        }
        for (String host : List.of("127.0.0.1:" + server.port(), "localhost:" + server.port(),
                "LOCALHOST:" + server.port(), "[::1]:" + server.port())) {
            String answer = raw(server, "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", 3000);
            assertTrue(answer.startsWith("HTTP/1.1 200 "), host + ": " + answer);
        }
        try (PolicyServer named = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withAllowedHost("aipolicy.example"), null)) {
            for (String host : List.of("aipolicy.example", "aipolicy.example:" + named.port(), "AIPOLICY.example")) {
                String answer = raw(named, "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", 3000);
                assertTrue(answer.startsWith("HTTP/1.1 200 "), host + ": " + answer);
            }
            String other = raw(named, "GET /health HTTP/1.1\r\nHost: aipolicy.example.evil\r\nConnection: close\r\n\r\n", 3000);
            assertTrue(other.startsWith("HTTP/1.1 421 "), other);
        }
    }

    @Test
    void putsTheSecurityHeadersOnEveryErrorIncludingJettysOwn() throws Exception {
        String notFound = raw(server, "GET /nope HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n", 3000);
        assertTrue(notFound.startsWith("HTTP/1.1 404 "), notFound);
        assertSecurityHeaders(notFound);
        String notAllowed = raw(server, "DELETE /health HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n", 3000);
        assertTrue(notAllowed.startsWith("HTTP/1.1 405 "), notAllowed);
        assertSecurityHeaders(notAllowed);
        String tooLarge = raw(server, "POST /api/decisions HTTP/1.1\r\nHost: " + host()
                + "\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n" + "x".repeat(70000), 3000);
        assertTrue(tooLarge.startsWith("HTTP/1.1 413 "), tooLarge);
        assertSecurityHeaders(tooLarge);
        // Jetty's own answers, before any handler: a header too large, a request line it cannot read.
        String hugeHeader = raw(server, "GET /health HTTP/1.1\r\nHost: " + host() + "\r\nX-Big: " + "a".repeat(20_000)
                + "\r\n\r\n", 3000);
        assertTrue(hugeHeader.startsWith("HTTP/1.1 431 "), hugeHeader);
        assertSecurityHeaders(hugeHeader);
        String garbage = raw(server, "GET /\u0001 HTTP/1.1\r\nHost: " + host() + "\r\n\r\n", 3000);
        assertTrue(garbage.startsWith("HTTP/1.1 400 "), garbage);
        assertSecurityHeaders(garbage);
        String noHost = raw(server, "GET /health HTTP/1.1\r\n\r\n", 3000);
        assertTrue(noHost.startsWith("HTTP/1.1 400 ") || noHost.startsWith("HTTP/1.1 421 "), noHost);
        assertSecurityHeaders(noHost);
    }

    @Test
    void answersHead() throws Exception {
        for (String path : List.of("", "health", "app.js", "api/clauses", "openapi.json")) {
            HttpResponse<String> full = get(path);
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode(), path);
            assertEquals("", head.body(), path);
            assertEquals(full.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
            assertEquals(String.valueOf(full.body().getBytes(StandardCharsets.UTF_8).length),
                    head.headers().firstValue("Content-Length").orElse(""), path);
        }
        // The connection stays usable after a HEAD: no body was sent to confuse the next answer.
        try (Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD /health HTTP/1.1\r\nHost: " + host() + "\r\n\r\nGET /health HTTP/1.1\r\nHost: " + host()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String both = readAvailable(socket.getInputStream());
            int second = both.indexOf("HTTP/1.1 200 ", 1);
            assertTrue(both.startsWith("HTTP/1.1 200 ") && second > 0, both);
            assertFalse(both.substring(0, second).contains("policyDigest"), "HEAD sent a body: " + both);
            assertTrue(both.substring(second).contains("policyDigest"), both);
        }
    }

    @Test
    void answersFiveHundredConcurrentKeepAlivePosts() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(GOOD)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> response : pending) {
            HttpResponse<String> r = response.get(40, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("ALLOW", JSON.readTree(r.body()).get("verdict").asText());
            ok++;
        }
        assertEquals(500, ok);
    }

    @Test
    void aHostingTheToolCatalogueContradictsIs400NamingHosting() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [\"PUBLIC\"],"
                                + " \"purpose\": \"WRITING\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("hosting", error.get("field").asText());
        assertTrue(error.get("acceptedValues").isArray() && error.get("acceptedValues").size() > 0, error.toString());
        assertTrue(error.get("message").asText().startsWith("hosting: "), error.toString());
        assertFalse(error.has("verdict"));
    }

    @Test
    void holdsNoMoreConnectionsThanItsLimit() throws Exception {
        try (PolicyServer limited = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withMaxConnections(4), null)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = connect(limited);
                    s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + limited.port() + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    s.getInputStream().read(new byte[4096]); // answered; the connection stays open
                    held.add(s);
                }
                try (Socket fifth = connect(limited)) {
                    fifth.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + limited.port()
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    fifth.setSoTimeout(700);
                    assertEquals("", readAvailable(fifth.getInputStream()), "a fifth connection is not served at once");
                    held.remove(0).close();
                    fifth.setSoTimeout(5000);
                    String answer = readAvailable(fifth.getInputStream());
                    assertTrue(answer.startsWith("HTTP/1.1 200 "), "served once another closed: " + answer);
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
