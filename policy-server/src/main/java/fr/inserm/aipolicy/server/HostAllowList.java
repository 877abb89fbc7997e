package fr.inserm.aipolicy.server;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The {@code Host} values the server answers, so that a page on another site cannot reach it through
 * a name it controls (DNS rebinding). By default the loopback names and addresses with the port
 * listened on; names given by the operator are accepted with that port or without a port (behind a
 * reverse proxy). Thread-safe: immutable but for the port, read when asked.
 */
final class HostAllowList {
    /** The names of this computer accepted by default. */
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> names;
    private final Set<String> withPort;
    private final IntSupplier port;

    /**
     * @param operatorNames the names the operator allows, {@code name} or {@code name:port}, in any case
     * @param namesWithPort the names allowed only with the port listened on (the loopback ones)
     * @param port the port listened on, once known
     */
    HostAllowList(Set<String> operatorNames, Set<String> namesWithPort, IntSupplier port) {
        this.names = lowerCase(operatorNames);
        this.withPort = lowerCase(namesWithPort);
        this.port = port;
    }

    private static Set<String> lowerCase(Set<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String name : values) {
            all.add(name.strip().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(all);
    }

    /**
     * Tells whether a request's {@code Host} header names this server.
     *
     * @param host the header's value, or null when the request has none
     * @return true when it is allowed
     */
    boolean allows(String host) {
        if (host == null || host.isBlank() || host.length() > 260) {
            return false;
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (names.contains(value)) {
            return true; // an operator's name, without a port or with the exact port given
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0 || value.endsWith("]")) {
            return false; // the loopback names need the port
        }
        String name = value.substring(0, colon);
        String portText = value.substring(colon + 1);
        if (!portText.equals(Integer.toString(port.getAsInt()))) {
            return false;
        }
        return withPort.contains(name) || names.contains(name);
    }
}
