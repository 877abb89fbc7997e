package fr.inserm.aipolicy.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Keeps one client from holding the server: each connection is counted against its address's share
 * the moment it is opened (before it sends a byte), and one over the share is closed at once; then a
 * sweep, a few times a second, closes a connection that has taken longer than the deadline to send a
 * request's headers, or whose body arrives slower than the minimum rate.
 *
 * <p>Jetty's idle timeout alone cannot do this: it restarts at every byte, so a client sending a
 * header line every few seconds holds a connection for ever, and Jetty 12 has no deadline for the
 * headers nor a share per address ({@code NetworkConnectionLimit} caps the total, which one address
 * can then fill). The sweep reads the state of each connection's HTTP parser and its counts of
 * requests and bytes, which Jetty keeps anyway: nothing is added to a request's own path.
 */
final class ConnectionGuard extends AbstractLifeCycle implements Connection.Listener {
    /** What a connection was last seen doing. */
    private enum Phase { HEADERS, BODY, OTHER }

    private final ClientLimits limits;
    /** Open connections per address; counted up and down atomically per key (merge, computeIfPresent). */
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private ScheduledExecutorService sweeper;

    ConnectionGuard(ClientLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aipolicy-web-guard");
            thread.setDaemon(true);
            return thread;
        });
        // A quarter of the deadline, at most a second: a connection is closed at most that late.
        long period = Math.max(10, Math.min(1000, limits.headerTimeoutMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = addressOf(connection);
        // Kept with the connection: once closed, its end point no longer knows the address.
        Watch watch = new Watch(connection, address, System.nanoTime());
        watched.put(connection, watch);
        if (address != null) {
            int held = perAddress.merge(address, 1, Integer::sum);
            if (held > limits.connectionsPerClient() && !limits.trustedProxies().contains(address.getHostAddress())) {
                refused.incrementAndGet();
                connection.getEndPoint().close(); // onClosed gives the count back
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Watch watch = watched.remove(connection);
        if (watch != null && watch.address != null) {
            perAddress.computeIfPresent(watch.address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    private static InetAddress addressOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** Connections closed at once for being over their address's share, since the start. */
    int refusedConnections() {
        return refused.get();
    }

    /** Connections closed for slow headers or a slow body, since the start. */
    int timedOutConnections() {
        return timedOut.get();
    }

    /** Connections one address holds now; for tests. */
    int connectionsOf(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }

    void sweep() {
        long now = System.nanoTime();
        for (Watch watch : watched.values()) {
            try {
                if (watch.overdue(now)) {
                    timedOut.incrementAndGet();
                    watch.connection.getEndPoint().close(); // onClosed forgets it and gives the count back
                }
            } catch (RuntimeException e) {
                // A connection closing while looked at: the next sweep no longer sees it.
            }
        }
    }

    /** One connection, its address, and its progress as the sweeps saw it (touched by the sweeper only). */
    private final class Watch {
        final Connection connection;
        final InetAddress address;
        Phase phase = Phase.HEADERS;
        long message;
        long since;
        long bytesSince;

        Watch(Connection connection, InetAddress address, long now) {
            this.connection = connection;
            this.address = address;
            this.since = now;
        }

        /** True when the headers are late or the body too slow; starts the clock again on progress. */
        boolean overdue(long now) {
            if (!(connection instanceof HttpConnection http)) {
                return false;
            }
            HttpParser parser = http.getParser();
            // Before and while reading a request's headers (START included: bytes may already have come).
            Phase seen = parser.inHeaderState() ? Phase.HEADERS : parser.inContentState() ? Phase.BODY : Phase.OTHER;
            long messages = http.getMessagesIn();
            if (seen != phase || messages != message) {
                phase = seen;
                message = messages;
                since = now;
                bytesSince = http.getBytesIn();
                return false;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(now - since);
            return switch (phase) {
                case HEADERS -> millis > limits.headerTimeoutMillis();
                case BODY -> limits.minBodyBytesPerSecond() > 0 && millis > ClientLimits.BODY_GRACE_MILLIS
                        && (http.getBytesIn() - bytesSince) * 1000 / millis < limits.minBodyBytesPerSecond();
                case OTHER -> false;
            };
        }
    }
}
