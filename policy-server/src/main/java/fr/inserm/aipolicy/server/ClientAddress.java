package fr.inserm.aipolicy.server;

import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who a request comes from, for the per-client rate limit: the connection's address, or, when that is
 * a trusted reverse proxy, the address the proxy put last in {@code X-Forwarded-For} (the one it saw;
 * earlier entries are the client's own word and are not trusted).
 */
final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * @param request the request
     * @param trustedProxies the proxies' literal addresses, canonical ({@link ClientLimits#trustedProxies()})
     * @return the client's address as text
     */
    static String of(Request request, Set<String> trustedProxies) {
        String remote = Request.getRemoteAddr(request);
        if (trustedProxies.isEmpty() || !trustedProxies.contains(remote)) {
            return remote;
        }
        String forwarded = request.getHeaders().get(HttpHeader.X_FORWARDED_FOR);
        if (forwarded == null) {
            return remote;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        // An address only (the proxy writes one); anything else counts against the proxy itself.
        return !last.isEmpty() && last.length() <= 45 && last.matches("[0-9A-Fa-f.:\\[\\]]+") ? last : remote;
    }
}
