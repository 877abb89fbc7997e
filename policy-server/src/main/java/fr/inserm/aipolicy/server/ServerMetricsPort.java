package fr.inserm.aipolicy.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /metrics} on a port of its own ({@code --metrics-port N}), so that the page's port can be
 * open to staff while the metrics are reachable only by the monitoring: a second, minimal Jetty server
 * that answers {@code GET /metrics} and nothing else.
 */
final class ServerMetricsPort implements AutoCloseable {
    /** Prometheus's text format. */
    static final String TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;

    private ServerMetricsPort(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the metrics server.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param metrics the metrics in Prometheus's text format, made anew at each request
     * @return the running server
     * @throws IOException when the port cannot be listened on
     */
    static ServerMetricsPort start(String host, int port, Supplier<String> metrics) throws IOException {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                boolean get = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
                boolean found = "/metrics".equals(Request.getPathInContext(request));
                response.setStatus(found && get ? 200 : found ? 405 : 404);
                byte[] body = (found && get ? metrics.get() : found ? "GET only\n" : "not found: /metrics only\n")
                        .getBytes(StandardCharsets.UTF_8);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, found && get ? TYPE : "text/plain; charset=utf-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the metrics server could not start", e);
        }
        return new ServerMetricsPort(server, connector);
    }

    /**
     * The port listened on.
     *
     * @return the port
     */
    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping at exit: nothing left to do about it
        }
    }
}
