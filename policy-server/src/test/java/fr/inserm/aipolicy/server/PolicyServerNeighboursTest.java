package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.PolicyEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One client against its neighbours: a share of the connections per address, deadlines a trickling
 * client cannot reset, a trusted proxy naming the client, the page's files outside the rate limit,
 * requests the server cannot read answered 400 in plain words, and the form a browser posts without
 * JavaScript decided as the API decides it. Clients from {@code 127.0.0.2}
 * (Linux routes all of 127/8 to the loopback interface) play the neighbour of {@code 127.0.0.1}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyServerNeighboursTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words of a parser, a library or a stack trace: none belongs in an answer. */
    static final Pattern PARSER_WORDS = Pattern.compile(
            "exception|jackson|jetty|unexpected|illegal|org\\.|java\\.|\\tat |source:|line: \\d|column: \\d|token",
            Pattern.CASE_INSENSITIVE);

    private static PolicyEngine engine;
    private static PolicyServer server;

    @BeforeAll
    static void start() throws IOException {
        engine = PolicyEngine.builder().build();
        server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Socket connectFrom(String source, PolicyServer target) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), target.port(), InetAddress.getByName(source), 0);
        socket.setSoTimeout(5000);
        return socket;
    }

    static String exchange(String source, PolicyServer target, String request, int millis) throws IOException {
        try (Socket socket = connectFrom(source, target)) {
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // What came before the time-out or the reset is the answer.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String get(PolicyServer target, String source, String path, String extraHeaders) throws IOException {
        return exchange(source, target, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + target.port() + "\r\n"
                + extraHeaders + "Connection: close\r\n\r\n", 5000);
    }

    static String bodyOf(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }

    /** True when the server closed the connection: a read ends (or is reset) within the time. */
    static boolean closedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void requestsWithBadEscapesAre400InPlainWords() throws Exception {
        String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
        List<String> requests = List.of(
                "GET /?lang=%ZZ HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "POST /api/decisions?lang=%ZZ HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
                "GET /api/clauses?lang=%E9 HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/labels?lang=fr% HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /health?%ZZ=1 HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /%ZZ HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        for (String request : requests) {
            String answer = exchange("127.0.0.1", server, request, 5000);
            String line = request.substring(0, request.indexOf('\r'));
            assertTrue(answer.startsWith("HTTP/1.1 400 "), line + ": " + answer);
            JsonNode body = JSON.readTree(bodyOf(answer));
            if (line.startsWith("GET /%ZZ")) {
                assertEquals("bad request", body.get("error").asText(), line); // Jetty's own answer: no route read it
            } else {
                assertEquals("invalid usage", body.get("error").asText(), line);
                assertEquals(line.contains("?lang=") ? "lang" : "(query)", body.get("field").asText(), line);
            }
            String message = body.get("message").asText();
            assertTrue(message.contains("%"), line + ": the sentence says what is wrong: " + message);
            assertFalse(PARSER_WORDS.matcher(answer).find(), line + ": " + answer);
            assertFalse(answer.contains("verdict"), line);
        }
        // The same parameters well escaped are understood.
        assertTrue(get(server, "127.0.0.1", "/api/labels?lang=%66r", "").contains("\"language\":\"fr\""));
    }

    @Test
    void aBadEscapeInLangIsRefusedInTheLanguageOfAcceptLanguage() throws Exception {
        String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
        for (String path : List.of("/?lang=%ZZ", "/api/clauses?lang=%E9", "/?lang=fr%&purpose=WRITING")) {
            String answer = exchange("127.0.0.1", server, "GET " + path + " HTTP/1.1\r\n" + host
                    + "Accept-Language: fr-FR,fr;q=0.9\r\nConnection: close\r\n\r\n", 5000);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), path + ": " + answer);
            JsonNode body = JSON.readTree(bodyOf(answer));
            assertEquals("lang", body.get("field").asText(), path);
            assertEquals("fr", body.get("language").asText(), path + ": the language ?lang= was meant to name is unknown,"
                    + " Accept-Language tells it");
            assertTrue(body.get("message").asText().startsWith("lang : "), path + ": " + body);
            assertFalse(body.get("message").asText().contains("not"), path + ": in French: " + body);
        }
    }

    @Test
    void thePagesFilesAreOutsideTheRateLimit() throws Exception {
        try (PolicyServer limited = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withRequestsPerMinute(3), null)) {
            for (int i = 0; i < 10; i++) {
                for (String file : List.of("/app.js", "/style.css", "/favicon.svg")) {
                    String answer = get(limited, "127.0.0.1", file, "");
                    assertTrue(answer.startsWith("HTTP/1.1 200 "), file + " #" + i + ": " + answer);
                }
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(get(limited, "127.0.0.1", "/api/labels", "").startsWith("HTTP/1.1 200 "), "request " + i);
            }
            assertTrue(get(limited, "127.0.0.1", "/api/labels", "").startsWith("HTTP/1.1 429 "), "the API is limited");
            assertTrue(get(limited, "127.0.0.1", "/style.css", "").startsWith("HTTP/1.1 200 "), "the files are not");
        }
    }

    @Test
    void connectionsOverAnAddressShareAreClosedAtOnceAndTheNeighbourIsServed() throws Exception {
        try (PolicyServer shared = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withClients(ClientLimits.defaults().withConnectionsPerClient(4)), null)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(connectFrom("127.0.0.2", shared));
                }
                for (Socket s : held) {
                    assertFalse(closedWithin(s, 300), "within the share: kept open");
                }
                try (Socket fifth = connectFrom("127.0.0.2", shared)) {
                    long started = System.nanoTime();
                    assertTrue(closedWithin(fifth, 2000), "over the share: closed");
                    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 1000, "closed at once");
                }
                assertTrue(get(shared, "127.0.0.1", "/health", "").startsWith("HTTP/1.1 200 "), "the neighbour is served");
                InetAddress neighbour = InetAddress.getByName("127.0.0.2");
                assertEquals(4, shared.guard().connectionsOf(neighbour), "the refused one is not counted");
                assertEquals(1, shared.guard().refusedConnections());
                held.remove(0).close();
                for (int i = 0; i < 50 && shared.guard().connectionsOf(neighbour) > 3; i++) {
                    Thread.sleep(20);
                }
                assertTrue(get(shared, "127.0.0.2", "/health", "").startsWith("HTTP/1.1 200 "),
                        "a connection given back makes room");
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void headersTrickledPastTheDeadlineAreCutOffHoweverOftenABytComes() throws Exception {
        try (PolicyServer strict = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withClients(ClientLimits.defaults().withHeaderTimeoutMillis(1000)), null);
                Socket slow = connectFrom("127.0.0.2", strict)) {
            slow.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + strict.port() + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            boolean closed = false;
            // A header line every 200 ms: the idle timeout (20 s) never fires, the deadline must.
            for (int i = 0; i < 25 && !closed; i++) {
                try {
                    slow.getOutputStream().write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    slow.getOutputStream().flush();
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                closed = closedWithin(slow, 200);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(closed, "still open after " + millis + " ms of trickled headers");
            assertTrue(millis < 3000, "closed after " + millis + " ms, the deadline being 1,000 ms");
        }
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateIsCutOff() throws Exception {
        try (PolicyServer strict = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0), null);
                Socket slow = connectFrom("127.0.0.2", strict)) {
            slow.getOutputStream().write(("POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + strict.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{\"tool\": ")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            boolean closed = false;
            // 20 bytes every 200 ms, 100 bytes a second: far below 1,024, and never idle.
            for (int i = 0; i < 75 && !closed; i++) {
                try {
                    slow.getOutputStream().write(" ".repeat(20).getBytes(StandardCharsets.ISO_8859_1));
                    slow.getOutputStream().flush();
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                closed = closedWithin(slow, 200);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(closed, "still open after " + millis + " ms of a trickled body");
            assertTrue(millis < ClientLimits.BODY_GRACE_MILLIS + 3000, "closed after " + millis + " ms");
        }
    }

    @Test
    void aTrustedProxyNamesTheClientAndAnUntrustedOneDoesNot() throws Exception {
        try (PolicyServer proxied = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withRequestsPerMinute(2).withClients(ClientLimits.defaults().withTrustedProxy("127.0.0.2")), null)) {
            String alice = "X-Forwarded-For: 10.0.0.9, 192.0.2.1\r\n";
            String bob = "X-Forwarded-For: 10.0.0.9, 192.0.2.2\r\n";
            for (int i = 0; i < 2; i++) {
                assertTrue(get(proxied, "127.0.0.2", "/api/labels", alice).startsWith("HTTP/1.1 200 "), "alice " + i);
            }
            assertTrue(get(proxied, "127.0.0.2", "/api/labels", alice).startsWith("HTTP/1.1 429 "), "alice is limited");
            assertTrue(get(proxied, "127.0.0.2", "/api/labels", bob).startsWith("HTTP/1.1 200 "),
                    "bob, through the same proxy, is not: the proxy's last entry names the client");
            // From an address that is not the proxy, X-Forwarded-For is the client's own word: ignored.
            for (int i = 0; i < 2; i++) {
                assertTrue(get(proxied, "127.0.0.1", "/api/labels", "X-Forwarded-For: 192.0.2." + (10 + i) + "\r\n")
                        .startsWith("HTTP/1.1 200 "), "request " + i);
            }
            assertTrue(get(proxied, "127.0.0.1", "/api/labels", "X-Forwarded-For: 192.0.2.99\r\n")
                    .startsWith("HTTP/1.1 429 "), "an untrusted X-Forwarded-For does not make a new client");
        }
        try (PolicyServer proxied = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0)
                .withClients(ClientLimits.defaults().withConnectionsPerClient(2).withTrustedProxy("127.0.0.2")), null)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(connectFrom("127.0.0.2", proxied));
                }
                for (Socket s : held) {
                    assertFalse(closedWithin(s, 200), "the proxy carries many clients: not held to one share");
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void refusesATrustedProxyGivenByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ClientLimits.defaults().withTrustedProxy("proxy.example"));
        assertTrue(e.getMessage().contains("IP address"), e.getMessage());
        assertEquals(java.util.Set.of("0:0:0:0:0:0:0:1"), ClientLimits.defaults().withTrustedProxy("[::1]").trustedProxies());
        assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains("exception"));
    }

    @Test
    void everyRefusalOfABodyIsInPlainWords() throws Exception {
        List<String> bodies = List.of("{\"tool\": {\"name\": \"x\"", "[1, 2", "{\"a\": 1, \"a\": 2}", "nul",
                "{\"tool\": {\"name\": \"x\", \"parametersBillions\": \"abc\"}, \"hosting\": \"LOCAL\","
                        + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"WRITING\"}",
                "{\"tool\": {\"name\": \"x\"}, \"hosting\": 7, \"dataCategories\": \"PUBLIC\", \"purpose\": []}",
                "\"just a text\"", "{\"tool\": {\"name\": \"x\"}} trailing", "{\"tool\": \u0000}");
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String answer = exchange("127.0.0.1", server, "POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n"
                    + body, 5000);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), body + ": " + answer);
            JsonNode error = JSON.readTree(bodyOf(answer));
            assertFalse(error.get("field").asText().isEmpty(), body);
            assertFalse(PARSER_WORDS.matcher(bodyOf(answer)).find(), body + ": " + bodyOf(answer));
        }
    }

    @Test
    void theFormPostedWithoutJavaScriptIsDecidedAsTheApiDecidesIt() throws Exception {
        String form = "lang=en&tool-name=ChatGPT&generative=&dataCategories=UNPUBLISHED_RESEARCH&dataCategories=PUBLIC"
                + "&purpose=WRITING&userTrained=true&subscription=";
        String page = exchange("127.0.0.1", server, "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                + "\r\nConnection: close\r\n\r\n" + form, 10_000);
        assertTrue(page.startsWith("HTTP/1.1 200 "), page);
        String json = "{\"tool\": {\"name\": \"ChatGPT\"}, \"dataCategories\": [\"UNPUBLISHED_RESEARCH\", \"PUBLIC\"],"
                + " \"purpose\": \"WRITING\", \"context\": {\"userTrained\": true}, \"language\": \"en\"}";
        String api = exchange("127.0.0.1", server, "POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\nConnection: close\r\n\r\n"
                + json, 10_000);
        JsonNode report = JSON.readTree(bodyOf(api));
        assertTrue(page.contains("data-verdict=\"" + report.get("verdict").asText() + "\""), page);
        for (JsonNode reason : report.get("reasons")) {
            assertTrue(page.contains(PageContent.escape(reason.get("text").asText())), reason.toString());
        }
        for (JsonNode clause : report.get("citations")) {
            assertTrue(page.contains("data-clause=\"" + clause.get("id").asText() + "\""), clause.get("id").asText());
        }
        assertTrue(page.contains("<section id=\"result\" aria-labelledby=\"verdict-title\">"), "the result is shown");
        assertTrue(page.contains("value=\"UNPUBLISHED_RESEARCH\" checked>"), "the answers are kept");
        // The link to ask again is a GET of the same answers: the same decision.
        String again = get(server, "127.0.0.1", "/?" + form, "");
        assertTrue(again.contains("data-verdict=\"" + report.get("verdict").asText() + "\""), again);
        // Markup in an answer is text, never markup.
        String hostile = "lang=en&tool-name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&hosting=LOCAL&dataCategories=PUBLIC&purpose=WRITING";
        String escaped = get(server, "127.0.0.1", "/?" + hostile, "");
        assertFalse(escaped.contains("<script>alert"), "escaped");
        assertTrue(escaped.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
        String wrongType = exchange("127.0.0.1", server, "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab", 5000);
        assertTrue(wrongType.startsWith("HTTP/1.1 415 "), wrongType);
        String missing = "lang=fr&tool-name=Outil+du+labo&dataCategories=PUBLIC&purpose=WRITING";
        String refused = exchange("127.0.0.1", server, "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + missing.length()
                + "\r\nConnection: close\r\n\r\n" + missing, 10_000);
        assertTrue(refused.startsWith("HTTP/1.1 400 "), refused);
        assertTrue(refused.contains("<html lang=\"fr\">") && refused.contains("hosting"), "the problem, on the French page");
        assertFalse(refused.contains("data-verdict=\"ALLOW\""), "nothing decided");
    }
}
