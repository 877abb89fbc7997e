package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The self-service page and JSON endpoint, on embedded Eclipse Jetty: a page where a person describes
 * a planned use of an AI system and reads the decision, in English or French, and the same decision
 * as JSON for scripts.
 *
 * <p>One {@link PolicyEngine} is shared by every request. Endpoints (described in {@code /openapi.json}):
 * <ul>
 *   <li>{@code GET /} the page, in the language of {@code ?lang=} or {@code Accept-Language}
 *       ({@code /app.js}, {@code /style.css}, {@code /favicon.svg} with it, outside the rate limit);</li>
 *   <li>{@code POST /} the page's form as a browser posts it without JavaScript, and {@code GET /} with
 *       the form's fields in its query (the link to ask again): the page with the decision written in
 *       it ({@code FormPage});</li>
 *   <li>{@code POST /api/decisions} a request as {@code PolicyJson.readRequest} reads it, the report
 *       out ({@code PolicyJson.write(DecisionReport)}); 400 naming the field when it is not understood;</li>
 *   <li>{@code GET /api/clauses}, {@code /api/contacts}, {@code /api/labels} the catalogue, whom to
 *       ask, the page's texts; {@code GET /health}.</li>
 * </ul>
 *
 * <p>Limits: bodies of {@link Options#maxBodyBytes()} (413 beyond), {@link Options#requestsPerMinute()}
 * per client (429 beyond), an idle timeout on every connection, a bounded thread pool and queue, at
 * most {@link Options#maxConnections()} connections, a share of them per client address with deadlines
 * for a request's headers and body ({@link ClientLimits}), and only the {@code Host} names allowed (421
 * otherwise). Every response, Jetty's own errors included, carries the security headers. The access
 * log has the method, the route, the status and the time: never the request's content; no answer and
 * no log line carries a stack trace.
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

    static final String USAGE = """
            aipolicy-server: a page and a JSON endpoint that decide whether a use of an AI system is allowed at Inserm.

            Usage: java -jar aipolicy-server.jar [--host HOST] [--port PORT] [--allowed-host NAME]... [--rules PATH]
                                                 [--trust KEY]... [--watch] [--draft] [--rate PER_MINUTE]
                                                 [--connections-per-client N] [--trusted-proxy ADDRESS]... [--quiet]

              --host HOST          address to listen on (default 127.0.0.1: this computer only)
              --port PORT          port to listen on, 0 for any free port (default 8080)
              --allowed-host NAME  a name clients may use to reach the server (the Host header), besides
                                   localhost, 127.0.0.1 and [::1] with the port; repeatable
              --rules PATH         use the policy in a folder, jar or bundle instead of the bundled one
              --trust KEY          load only a bundle signed by this public key (PEM); repeatable
              --watch              load the --rules bundle again, without a restart, when its file is replaced
                                   (checked every second; a bundle that fails is refused and logged, and the
                                   policy serving goes on; /health says which serves and what was refused)
              --draft              accept a draft policy (files that do not match their recorded version)
              --rate PER_MINUTE    requests allowed per client and minute, 0 for no limit (default 120)
              --connections-per-client N
                                   connections one client address may hold at once; more are closed at
                                   once (default 128)
              --trusted-proxy ADDRESS
                                   the IP address of a reverse proxy in front of this server: its
                                   X-Forwarded-For names the client, and it may hold more connections;
                                   repeatable
              --quiet              no access log on standard error
            """ + ServerRecording.USAGE;

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionGuard guard;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * How the server listens and what it accepts.
     *
     * @param host the address to listen on, a name or a literal IP address
     * @param port the port, 0 for any free port
     * @param maxBodyBytes the largest request body accepted, in bytes (413 beyond)
     * @param requestsPerMinute the requests each client may make per minute (429 beyond); 0 or less for no limit
     * @param threads the most threads serving requests (Jetty's own included)
     * @param maxConnections the most connections open at once; more wait to be accepted
     * @param idleTimeoutMillis how long a connection may send nothing, in the headers, the body or between requests
     * @param allowedHosts names clients may use in {@code Host} besides the loopback ones
     * @param clients what one client may hold: its share of the connections, the deadline for a request's
     *        headers, the slowest body, the trusted proxies
     */
    public record Options(String host, int port, int maxBodyBytes, int requestsPerMinute, int threads,
            int maxConnections, long idleTimeoutMillis, Set<String> allowedHosts, ClientLimits clients) {

        /**
         * Checks the values.
         *
         * @param host the address to listen on
         * @param port the port, 0 for any free port
         * @param maxBodyBytes the largest request body accepted, in bytes
         * @param requestsPerMinute the requests each client may make per minute; 0 or less for no limit
         * @param threads the most threads serving requests
         * @param maxConnections the most connections open at once
         * @param idleTimeoutMillis how long a connection may send nothing
         * @param allowedHosts names clients may use in {@code Host} besides the loopback ones
         * @param clients what one client may hold
         * @throws IllegalArgumentException when the port is out of range, or a limit not positive
         */
        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
            }
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
            }
            if (threads < 8) {
                throw new IllegalArgumentException("threads must be at least 8, got " + threads);
            }
            if (maxConnections <= 0) {
                throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
            }
            if (idleTimeoutMillis <= 0) {
                throw new IllegalArgumentException("idleTimeoutMillis must be positive, got " + idleTimeoutMillis);
            }
            allowedHosts = Set.copyOf(allowedHosts);
            Objects.requireNonNull(clients, "clients");
        }

        /**
         * The defaults: 127.0.0.1, port 8080, 64 KiB bodies, 120 requests per client and minute, 32
         * threads, 1,024 connections, 20 s idle timeout, loopback names only, {@link ClientLimits#defaults()}.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUESTS_PER_MINUTE, 32,
                    1024, 20_000, Set.of(), ClientLimits.defaults());
        }

        /**
         * Copies these options with another host.
         *
         * @param value the address to listen on
         * @return the new options
         */
        public Options withHost(String value) {
            return new Options(value, port, maxBodyBytes, requestsPerMinute, threads, maxConnections,
                    idleTimeoutMillis, allowedHosts, clients);
        }

        /**
         * Copies these options with another port.
         *
         * @param value the port, 0 for any free port
         * @return the new options
         */
        public Options withPort(int value) {
            return new Options(host, value, maxBodyBytes, requestsPerMinute, threads, maxConnections,
                    idleTimeoutMillis, allowedHosts, clients);
        }

        /**
         * Copies these options with another request rate.
         *
         * @param value requests per client and minute; 0 or less for no limit
         * @return the new options
         */
        public Options withRequestsPerMinute(int value) {
            return new Options(host, port, maxBodyBytes, value, threads, maxConnections, idleTimeoutMillis,
                    allowedHosts, clients);
        }

        /**
         * Copies these options with another body limit.
         *
         * @param value the largest request body accepted
         * @return the new options
         */
        public Options withMaxBodyBytes(int value) {
            return new Options(host, port, value, requestsPerMinute, threads, maxConnections, idleTimeoutMillis,
                    allowedHosts, clients);
        }

        /**
         * Copies these options with another connection limit.
         *
         * @param value the most connections open at once
         * @return the new options
         */
        public Options withMaxConnections(int value) {
            return new Options(host, port, maxBodyBytes, requestsPerMinute, threads, value, idleTimeoutMillis,
                    allowedHosts, clients);
        }

        /**
         * Copies these options with other limits per client.
         *
         * @param value the share of connections, the deadlines and the trusted proxies
         * @return the new options
         */
        public Options withClients(ClientLimits value) {
            return new Options(host, port, maxBodyBytes, requestsPerMinute, threads, maxConnections,
                    idleTimeoutMillis, allowedHosts, value);
        }

        /**
         * Copies these options with another idle timeout.
         *
         * @param value milliseconds a connection may stay silent
         * @return the new options
         */
        public Options withIdleTimeoutMillis(long value) {
            return new Options(host, port, maxBodyBytes, requestsPerMinute, threads, maxConnections, value,
                    allowedHosts, clients);
        }

        /**
         * Copies these options with one more allowed {@code Host} name.
         *
         * @param name a name, or {@code name:port}
         * @return the new options
         */
        public Options withAllowedHost(String name) {
            Set<String> names = new LinkedHashSet<>(allowedHosts);
            names.add(Objects.requireNonNull(name, "name"));
            return new Options(host, port, maxBodyBytes, requestsPerMinute, threads, maxConnections,
                    idleTimeoutMillis, names, clients);
        }
    }

    private PolicyServer(Server server, ServerConnector connector, ConnectionGuard guard) {
        this.server = server;
        this.connector = connector;
        this.guard = guard;
    }

    /**
     * Starts a server around an engine; it serves until {@link #close()}.
     *
     * @param engine the engine that decides every request, shared
     * @param options where to listen and the limits
     * @param log where the access log goes (method, route, status, time; never request content), or null for none
     * @return the running server
     * @throws IOException when the address cannot be listened on
     */
    public static PolicyServer start(PolicyEngine engine, Options options, PrintStream log) throws IOException {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(options, "options");
        PageContent content = new PageContent(engine);
        // At most `threads` threads. Jetty's queue of waiting tasks stays unbounded (it warns against a
        // bounded one); the connection limit bounds it, since a connection queues at most a few tasks.
        QueuedThreadPool pool = new QueuedThreadPool(options.threads(), 4, 60_000);
        pool.setName("aipolicy-web");
        pool.setDaemon(true);
        Server server = new Server(pool);
        server.setStopTimeout(1000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(8 * 1024);
        http.setIdleTimeout(options.idleTimeoutMillis());
        http.addCustomizer(new SecurityHeaders());
        // One acceptor and one selector: the machine this runs on has few cores, and requests are short.
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getByName(options.host()).getHostAddress());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeoutMillis());
        connector.setAcceptedTcpNoDelay(true);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(options.maxConnections(), connector));
        // A share of those connections per client address, and deadlines a trickling client cannot reset.
        ConnectionGuard guard = new ConnectionGuard(options.clients());
        connector.addBean(guard);
        server.setErrorHandler(new JsonErrorHandler(log));
        HostAllowList hosts = new HostAllowList(options.allowedHosts(), namesWithPort(options), connector::getLocalPort);
        server.setHandler(new PolicyHandler(engine, options, content, hosts, log));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Already failing: the first failure is the one to report.
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException bind) {
                    throw bind;
                }
            }
            throw e instanceof IOException io ? io : new IOException("cannot start: " + e.getClass().getSimpleName(), e);
        }
        return new PolicyServer(server, connector, guard);
    }

    /** The names that need the port: the loopback ones, and the address listened on unless a wildcard. */
    private static Set<String> namesWithPort(Options options) {
        Set<String> names = new LinkedHashSet<>(HostAllowList.LOOPBACK);
        String host = options.host();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            names.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        return names;
    }

    /**
     * The address to open in a browser.
     *
     * @return for example {@code http://127.0.0.1:8080/}
     */
    public URI uri() {
        String host = connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The share of connections per client and the deadlines, with their counts; for tests. */
    ConnectionGuard guard() {
        return guard;
    }

    /**
     * The port listened on, useful when the options asked for port 0.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
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
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort; the threads are daemons.
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
     * @param args see {@code --help}
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
        ServerRecording recording;
        ServedPolicy served = new ServedPolicy();
        try {
            List<String> rest = new ArrayList<>();
            recording = ServerRecording.take(args, rest);
            args = rest.toArray(String[]::new);
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
                    case "--allowed-host" -> options = options.withAllowedHost(hostName(value(args, ++i, arg)));
                    case "--rules" -> rules = Path.of(value(args, ++i, arg));
                    case "--connections-per-client" -> options = options.withClients(
                            options.clients().withConnectionsPerClient(number(value(args, ++i, arg), arg)));
                    case "--trusted-proxy" -> options = options.withClients(
                            options.clients().withTrustedProxy(value(args, ++i, arg)));
                    case "--trust" -> served.trust.add(Path.of(value(args, ++i, arg)));
                    case "--watch" -> served.watch = true;
                    case "--draft" -> served.draft = true;
                    default -> throw new IllegalArgumentException("unexpected argument: " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("aipolicy-server: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        out.println("aipolicy-server: loading the policy...");
        out.flush();
        PolicyEngine engine;
        try {
            engine = served.load(rules);
        } catch (PolicyBuildException e) {
            err.println("aipolicy-server: the policy could not be loaded: " + e.getMessage());
            return 1;
        }
        warmUp(engine);
        try {
            engine = recording.wrap(engine, List.of());
        } catch (IllegalArgumentException e) {
            err.println("aipolicy-server: " + e.getMessage());
            return 2;
        }
        PolicyServer server;
        try {
            server = start(engine, options, quiet ? null : err);
        } catch (BindException e) {
            err.println("aipolicy-server: cannot listen on " + options.host() + ":" + options.port()
                    + ": the port is taken or the address is not this computer's (choose another with --port or --host)");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("aipolicy-server: cannot start on " + options.host() + ":" + options.port() + " ("
                    + e.getClass().getSimpleName() + ")");
            return 1;
        }
        ServerMetricsPort metrics;
        try {
            metrics = recording.startMetricsPort(options.host());
        } catch (IOException e) {
            err.println("aipolicy-server: cannot serve /metrics: " + e.getMessage());
            server.close();
            return 1;
        }
        if (metrics != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(metrics::close, "aipolicy-metrics-stop"));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "aipolicy-web-stop"));
        try {
            if (!InetAddress.getByName(options.host()).isLoopbackAddress()) {
                err.println("aipolicy-server: warning: listening on " + options.host()
                        + ", not only this computer: anyone who can reach it can use it");
            }
        } catch (IOException e) {
            // The server is listening on it, so the name resolved a moment ago.
        }
        out.println("aipolicy-server: policy " + engine.policyVersion() + " " + engine.policyDigest());
        out.println("aipolicy-server: open " + server.uri() + " in your browser (Ctrl+C to stop)");
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

    private static String hostName(String name) {
        if (name.isBlank() || name.length() > 253 || !name.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("--allowed-host needs a host name such as aipolicy.inserm.fr"
                    + " (letters, digits, dots and dashes, optionally :port), got " + name);
        }
        return name;
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
}
