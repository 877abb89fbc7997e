package fr.inserm.aipolicy.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one client may hold of the server, so that it cannot crowd out its neighbours: a share of
 * the connections per client address, a deadline for a request's headers, and a minimum rate for
 * its body; and the reverse proxies trusted to name the client in {@code X-Forwarded-For}.
 *
 * @param connectionsPerClient the most connections one address may hold open at once; one more is
 *        closed as soon as it is accepted. A trusted proxy is not held to it (it carries many clients)
 * @param headerTimeoutMillis how long a connection has to send a request's whole headers, counted from
 *        its opening or from the end of its previous request, however often it sends a byte
 * @param minBodyBytesPerSecond the slowest a request body may arrive, on average since its first byte,
 *        once {@link #BODY_GRACE_MILLIS} have passed; 0 for no minimum
 * @param trustedProxies the addresses (literal IPs) of reverse proxies whose {@code X-Forwarded-For}
 *        names the client, for the per-client rate limit
 */
public record ClientLimits(int connectionsPerClient, long headerTimeoutMillis, int minBodyBytesPerSecond,
        Set<String> trustedProxies) {
    /** A body may arrive at any pace for its first seconds (a phone on a poor network). */
    public static final long BODY_GRACE_MILLIS = 5_000;

    /**
     * Checks the values.
     *
     * @param connectionsPerClient the most connections one address may hold open at once
     * @param headerTimeoutMillis how long a connection has to send a request's whole headers
     * @param minBodyBytesPerSecond the slowest a request body may arrive, 0 for no minimum
     * @param trustedProxies the literal IP addresses of trusted reverse proxies
     * @throws IllegalArgumentException when a limit is not positive or a proxy is not a literal IP address
     */
    public ClientLimits {
        if (connectionsPerClient <= 0) {
            throw new IllegalArgumentException("connections per client must be positive, got " + connectionsPerClient);
        }
        if (headerTimeoutMillis <= 0) {
            throw new IllegalArgumentException("the header deadline must be positive, got " + headerTimeoutMillis);
        }
        if (minBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException("the minimum body rate must be 0 or more, got " + minBodyBytesPerSecond);
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String proxy : Objects.requireNonNull(trustedProxies, "trustedProxies")) {
            addresses.add(literalAddress(proxy));
        }
        trustedProxies = Set.copyOf(addresses);
    }

    /**
     * The defaults: 128 connections per address (an eighth of the server's 1,024), 10 s for a
     * request's headers, 1,024 bytes a second for a body, no trusted proxy.
     *
     * @return the default limits
     */
    public static ClientLimits defaults() {
        return new ClientLimits(128, 10_000, 1024, Set.of());
    }

    /**
     * Copies these limits with another share of connections per address.
     *
     * @param value the most connections one address may hold
     * @return the new limits
     */
    public ClientLimits withConnectionsPerClient(int value) {
        return new ClientLimits(value, headerTimeoutMillis, minBodyBytesPerSecond, trustedProxies);
    }

    /**
     * Copies these limits with another header deadline.
     *
     * @param value milliseconds a connection has to send a request's headers
     * @return the new limits
     */
    public ClientLimits withHeaderTimeoutMillis(long value) {
        return new ClientLimits(connectionsPerClient, value, minBodyBytesPerSecond, trustedProxies);
    }

    /**
     * Copies these limits with another minimum body rate.
     *
     * @param value bytes a second, 0 for no minimum
     * @return the new limits
     */
    public ClientLimits withMinBodyBytesPerSecond(int value) {
        return new ClientLimits(connectionsPerClient, headerTimeoutMillis, value, trustedProxies);
    }

    /**
     * Copies these limits with one more trusted proxy.
     *
     * @param address the proxy's literal IP address
     * @return the new limits
     */
    public ClientLimits withTrustedProxy(String address) {
        Set<String> proxies = new LinkedHashSet<>(trustedProxies);
        proxies.add(address);
        return new ClientLimits(connectionsPerClient, headerTimeoutMillis, minBodyBytesPerSecond, proxies);
    }

    /** The address in its canonical text, so that {@code ::1} and {@code 0:0:0:0:0:0:0:1} are one proxy. */
    static String literalAddress(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        // Digits, dots, hexadecimal and colons only: a name would be looked up, and a proxy is trusted by address.
        if (value.isEmpty() || !value.matches("[0-9A-Fa-f.:]+") || !(value.contains(".") || value.contains(":"))) {
            throw new IllegalArgumentException("a trusted proxy is given by its IP address, such as 10.0.0.5, got " + text);
        }
        try {
            return InetAddress.getByName(value).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("a trusted proxy is given by its IP address, such as 10.0.0.5, got " + text);
        }
    }
}
