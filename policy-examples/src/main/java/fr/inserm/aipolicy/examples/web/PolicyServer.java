package fr.inserm.aipolicy.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.inserm.aipolicy.Contact;
import fr.inserm.aipolicy.DataCategory;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.Hosting;
import fr.inserm.aipolicy.InvalidUsageException;
import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyJson;
import fr.inserm.aipolicy.Purpose;
import fr.inserm.aipolicy.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small web application around the library: a page where a person describes a planned use of an
 * AI system and reads the decision, and the same decision as a JSON endpoint for scripts.
 *
 * <p>It uses the JDK's own {@code com.sun.net.httpserver}, so it adds no run-time dependency. One
 * {@link PolicyEngine} is shared by every request. Endpoints:
 * <ul>
 *   <li>{@code GET /} the page ({@code /app.js}, {@code /style.css}, {@code /favicon.svg} with it);</li>
 *   <li>{@code POST /api/decisions} a usage in the JSON of POLICY.md, the decision out
 *       ({@link PolicyJson#write(Decision)}); 400 naming the field when the usage is not understood,
 *       413 over {@link Options#maxBodyBytes()}, 415 when it is not {@code application/json};</li>
 *   <li>{@code GET /api/clauses} the clause catalogue; {@code GET /api/contacts} whom a decision
 *       may send the user to;</li>
 *   <li>{@code GET /health} the status and the policy version.</li>
 * </ul>
 *
 * <p>Every response carries a strict Content-Security-Policy (no inline script, no framing),
 * {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}. Each client
 * (IP address) may make {@link Options#requestsPerMinute()} requests a minute (429 beyond). The
 * access log has the method, the route, the status and the time taken: never the request's content.
 * An unexpected failure gives a generic JSON 500 with an incident id, never a stack trace.
 */
public final class PolicyServer implements AutoCloseable {
    /** The address listened on by default: this computer only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port listened on by default. */
    public static final int DEFAULT_PORT = 8080;
    /** The largest request body accepted by default, in bytes (64 KiB). */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** An oversized body up to this size is read and dropped before the 413; a larger one is cut off. */
    public static final int DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
    /** Requests per client and minute allowed by default. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 120;

    /** The Content-Security-Policy of every response: same-origin files only, no inline script or style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static final String USAGE = """
            aipolicy web: a page and a JSON endpoint that decide whether a use of an AI system is allowed at Inserm.

            Usage: PolicyServer [--host HOST] [--port PORT] [--rules PATH] [--rate PER_MINUTE] [--quiet]

              --host HOST        address to listen on (default 127.0.0.1: this computer only)
              --port PORT        port to listen on, 0 for any free port (default 8080)
              --rules PATH       use the policy in a folder or jar instead of the bundled one
              --rate PER_MINUTE  requests allowed per client and minute, 0 for no limit (default 120)
              --quiet            no access log on standard error
            """;

    private static final String STATIC_ROOT = "/fr/inserm/aipolicy/examples/web/static/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final PolicyEngine engine;
    private final Options options;
    private final PrintStream log;
    private final RateLimiter limiter;
    private final Map<String, StaticFile> files;
    private final byte[] clauses;
    private final byte[] contacts;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * How the server listens and what it accepts.
     *
     * @param host the address to listen on, a name or a literal IP address
     * @param port the port, 0 for any free port
     * @param maxBodyBytes the largest request body accepted, in bytes (413 beyond)
     * @param requestsPerMinute the requests each client may make per minute (429 beyond); 0 or less for no limit
     * @param threads the number of threads serving requests
     */
    public record Options(String host, int port, int maxBodyBytes, int requestsPerMinute, int threads) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException when the port is out of range, the body limit or the
         *     thread count not positive
         */
        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
            }
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
            }
            if (threads <= 0) {
                throw new IllegalArgumentException("threads must be positive, got " + threads);
            }
        }

        /**
         * The defaults: 127.0.0.1, port 8080, 64 KiB bodies, 120 requests per client and minute, 8 threads.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUESTS_PER_MINUTE, 8);
        }

        /**
         * Copies these options with another host.
         *
         * @param newHost the address to listen on
         * @return the new options
         */
        public Options withHost(String newHost) {
            return new Options(newHost, port, maxBodyBytes, requestsPerMinute, threads);
        }

        /**
         * Copies these options with another port.
         *
         * @param newPort the port, 0 for any free port
         * @return the new options
         */
        public Options withPort(int newPort) {
            return new Options(host, newPort, maxBodyBytes, requestsPerMinute, threads);
        }

        /**
         * Copies these options with another request rate.
         *
         * @param perMinute requests per client and minute; 0 or less for no limit
         * @return the new options
         */
        public Options withRequestsPerMinute(int perMinute) {
            return new Options(host, port, maxBodyBytes, perMinute, threads);
        }

        /**
         * Copies these options with another body limit.
         *
         * @param bytes the largest request body accepted
         * @return the new options
         */
        public Options withMaxBodyBytes(int bytes) {
            return new Options(host, port, bytes, requestsPerMinute, threads);
        }
    }

    private PolicyServer(HttpServer server, ExecutorService executor, PolicyEngine engine, Options options,
            PrintStream log) {
        this.server = server;
        this.executor = executor;
        this.engine = engine;
        this.options = options;
        this.log = log;
        this.limiter = new RateLimiter(options.requestsPerMinute(), System::nanoTime);
        this.files = loadStaticFiles();
        this.clauses = PolicyJson.writeClauses(engine.catalogue()).getBytes(StandardCharsets.UTF_8);
        this.contacts = contactsJson();
    }

    /**
     * Starts a server around an engine; it serves until {@link #close()}.
     *
     * @param engine the engine that decides every request, shared
     * @param options where to listen and the limits
     * @param log where the access log goes (method, route, status, time; never request content), or
     *     null for none
     * @return the running server
     * @throws IOException when the address cannot be listened on
     */
    public static PolicyServer start(PolicyEngine engine, Options options, PrintStream log) throws IOException {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(options, "options");
        InetAddress address = InetAddress.getByName(options.host());
        HttpServer http = HttpServer.create(new InetSocketAddress(address, options.port()), 64);
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "aipolicy-web-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        PolicyServer server;
        try {
            server = new PolicyServer(http, executor, engine, options, log);
        } catch (RuntimeException e) {
            http.stop(0);
            executor.shutdownNow();
            throw e;
        }
        http.setExecutor(executor);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    /**
     * The address to open in a browser.
     *
     * @return for example {@code http://127.0.0.1:8080/}
     */
    public URI uri() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort() + "/");
    }

    /**
     * The port listened on, useful when the options asked for port 0.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Stops listening, lets requests in progress finish for up to a second, and stops the threads.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }

    /**
     * Waits until the server is closed.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    /**
     * Starts the server from the command line, prints the address to open, and serves until the
     * process is stopped (Ctrl+C). Exits with status 2 on a bad command line, 1 when the policy
     * cannot be loaded or the address cannot be listened on.
     *
     * @param args {@code [--host HOST] [--port PORT] [--rules PATH] [--rate PER_MINUTE] [--quiet]}
     */
    public static void main(String[] args) {
        int status = serve(args, System.out, System.err);
        System.exit(status);
    }

    /**
     * Runs the server as {@link #main(String[])} does, but returns instead of exiting: blocks while
     * the server runs, so it returns only on a bad command line, a failure to start, or {@code --help}.
     *
     * @param args the command line, as for {@link #main(String[])}
     * @param out where the address and help go
     * @param err where errors and the access log go
     * @return the exit status: 0 after {@code --help} or a stop, 2 for a bad command line, 1 for a failure
     */
    public static int serve(String[] args, PrintStream out, PrintStream err) {
        Options options = Options.defaults();
        Path rules = null;
        boolean quiet = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--quiet" -> quiet = true;
                    case "--host" -> options = options.withHost(value(args, ++i, arg));
                    case "--port" -> options = options.withPort(number(value(args, ++i, arg), arg));
                    case "--rate" -> options = options.withRequestsPerMinute(number(value(args, ++i, arg), arg));
                    case "--rules" -> rules = Path.of(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unexpected argument: " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("aipolicy web: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        // Bound the time a client may take to send a request or read a response (slow clients).
        setIfAbsent("sun.net.httpserver.maxReqTime", "30");
        setIfAbsent("sun.net.httpserver.maxRspTime", "30");
        out.println("aipolicy web: loading the policy (a few seconds)...");
        out.flush();
        PolicyEngine engine;
        try {
            engine = rules == null ? PolicyEngine.builder().build() : PolicyEngine.builder().rulesFrom(rules).build();
        } catch (PolicyBuildException e) {
            err.println("aipolicy web: the policy could not be loaded: " + e.getMessage());
            return 1;
        }
        warmUp(engine);
        PolicyServer server;
        try {
            server = start(engine, options, quiet ? null : err);
        } catch (BindException e) {
            err.println("aipolicy web: cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage() + " (choose another port with --port)");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("aipolicy web: cannot start: " + e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "aipolicy-web-stop"));
        if (!server.server.getAddress().getAddress().isLoopbackAddress()) {
            err.println("aipolicy web: warning: listening on " + options.host()
                    + ", not only this computer: anyone who can reach it can use it");
        }
        out.println("aipolicy web: policy " + engine.policyVersion() + " " + engine.policyDigest());
        out.println("aipolicy web: open " + server.uri() + " in your browser (Ctrl+C to stop)");
        out.flush();
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    /** Decides one usage per hosting and purpose, so the first person to ask does not wait for the JIT. */
    static void warmUp(PolicyEngine engine) {
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                engine.evaluate(Usage.builder().tool("warm-up").hosting(hosting)
                        .dataCategories(DataCategory.PUBLIC).purpose(purpose).build());
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got " + text);
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    // ---------------------------------------------------------------- requests

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String route = "(other)";
        int status = 0;
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            route = routeName(path);
            if (!"/health".equals(path) && !limiter.tryAcquire(clientKey(exchange))) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(limiter.retryAfterSeconds()));
                status = sendError(exchange, 429, "too many requests",
                        "at most " + options.requestsPerMinute() + " requests a minute; try again shortly");
            } else {
                status = route(exchange, path, method);
            }
        } catch (RuntimeException | IOException | Error e) {
            status = failure(exchange, e);
        } finally {
            exchange.close();
            if (log != null) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                log.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + safeMethod(exchange) + " " + route
                        + " " + status + " " + millis + " ms");
            }
        }
    }

    private int route(HttpExchange exchange, String path, String method) throws IOException {
        switch (path) {
            case "/api/decisions":
                if (!"POST".equals(method)) {
                    return methodNotAllowed(exchange, "POST");
                }
                return decide(exchange);
            case "/api/clauses":
                return getOnly(exchange, method, "application/json; charset=utf-8", clauses, "no-store");
            case "/api/contacts":
                return getOnly(exchange, method, "application/json; charset=utf-8", contacts, "no-store");
            case "/health":
                if (!"GET".equals(method)) {
                    return methodNotAllowed(exchange, "GET");
                }
                ObjectNode health = JSON.createObjectNode();
                health.put("status", "UP");
                health.put("policyVersion", engine.policyVersion());
                health.put("policyDigest", engine.policyDigest());
                return send(exchange, 200, "application/json; charset=utf-8", bytes(health), "no-store");
            default:
                StaticFile file = files.get(path);
                if (file == null) {
                    return sendError(exchange, 404, "not found", "no such page or endpoint");
                }
                return getOnly(exchange, method, file.contentType(), file.content(), "no-cache");
        }
    }

    private int decide(HttpExchange exchange) throws IOException {
        if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            return sendError(exchange, 415, "unsupported media type",
                    "send the usage as a JSON object with Content-Type: application/json");
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            exchange.getResponseHeaders().set("Connection", "close");
            return sendError(exchange, 413, "request too large",
                    "the usage must be at most " + options.maxBodyBytes() + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return invalid(exchange, new InvalidUsageException("(request)", "not valid UTF-8", List.of()));
        }
        Usage usage;
        try {
            usage = PolicyJson.readUsage(text);
        } catch (InvalidUsageException e) {
            return invalid(exchange, e);
        }
        Decision decision = engine.evaluate(usage);
        return send(exchange, 200, "application/json; charset=utf-8",
                PolicyJson.write(decision).getBytes(StandardCharsets.UTF_8), "no-store");
    }

    /**
     * Reads the body, or returns null when it is larger than the limit. An oversized body of up to
     * {@link #DRAIN_LIMIT_BYTES} is read to its end and dropped, so that the client, still sending,
     * reliably receives the 413 instead of a reset connection.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        int max = options.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        InputStream in = exchange.getRequestBody();
        if (declared > max) {
            if (declared <= DRAIN_LIMIT_BYTES) {
                drain(in);
            }
            return null;
        }
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            drain(in);
            return null;
        }
        return bytes;
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            int n;
            while (total < DRAIN_LIMIT_BYTES && (n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            // The client went away: nothing to answer.
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private int invalid(HttpExchange exchange, InvalidUsageException e) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.put("error", "invalid usage");
        error.put("field", e.field());
        error.put("problem", e.problem());
        ArrayNode accepted = error.putArray("acceptedValues");
        e.acceptedValues().forEach(accepted::add);
        error.put("message", e.getMessage());
        return send(exchange, 400, "application/json; charset=utf-8", bytes(error), "no-store");
    }

    private int getOnly(HttpExchange exchange, String method, String type, byte[] content, String cache)
            throws IOException {
        if (!"GET".equals(method)) {
            return methodNotAllowed(exchange, "GET");
        }
        return send(exchange, 200, type, content, cache);
    }

    private int methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        return sendError(exchange, 405, "method not allowed", "use " + allowed);
    }

    private int failure(HttpExchange exchange, Throwable e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        if (log != null) {
            // The class only: an exception message may carry part of the request.
            log.println("aipolicy web: internal error " + incident + ": " + e.getClass().getName());
        }
        if (exchange.getResponseCode() != -1) {
            return exchange.getResponseCode();
        }
        try {
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "internal error");
            error.put("message", "the request could not be decided; no decision was made");
            error.put("incident", incident);
            return send(exchange, 500, "application/json; charset=utf-8", bytes(error), "no-store");
        } catch (IOException | RuntimeException ignored) {
            return 500;
        }
    }

    private int sendError(HttpExchange exchange, int status, String error, String message) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", error);
        node.put("message", message);
        return send(exchange, status, "application/json; charset=utf-8", bytes(node), "no-store");
    }

    private int send(HttpExchange exchange, int status, String type, byte[] content, String cache) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", cache);
        securityHeaders(headers);
        exchange.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
        return status;
    }

    static void securityHeaders(Headers headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private static String clientKey(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "?" : remote.getAddress().getHostAddress();
    }

    private String routeName(String path) {
        if (path == null) {
            return "(other)";
        }
        return switch (path) {
            case "/api/decisions", "/api/clauses", "/api/contacts", "/health" -> path;
            default -> files.containsKey(path) ? path : "(other)";
        };
    }

    private static String safeMethod(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        return switch (method) {
            case "GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS" -> method;
            default -> "(other)";
        };
    }

    // ---------------------------------------------------------------- content

    private record StaticFile(String contentType, byte[] content) {
    }

    private static Map<String, StaticFile> loadStaticFiles() {
        Map<String, StaticFile> map = new LinkedHashMap<>();
        StaticFile index = resource("index.html", "text/html; charset=utf-8");
        map.put("/", index);
        map.put("/index.html", index);
        map.put("/app.js", resource("app.js", "text/javascript; charset=utf-8"));
        map.put("/style.css", resource("style.css", "text/css; charset=utf-8"));
        map.put("/favicon.svg", resource("favicon.svg", "image/svg+xml"));
        return Map.copyOf(map);
    }

    private static StaticFile resource(String name, String type) {
        try (InputStream in = PolicyServer.class.getResourceAsStream(STATIC_ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + STATIC_ROOT + name);
            }
            return new StaticFile(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] contactsJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("contacts");
        List<Contact> all = new ArrayList<>(List.of(Contact.values()));
        for (Contact c : all) {
            ObjectNode node = array.addObject();
            node.put("id", c.name());
            node.put("description", c.description());
        }
        return bytes(root);
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
