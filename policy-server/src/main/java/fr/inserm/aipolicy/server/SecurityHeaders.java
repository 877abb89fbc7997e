package fr.inserm.aipolicy.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * The security headers of every response. Set by Jetty before any handler runs (as a request
 * customizer), and again by {@link JsonErrorHandler}, since Jetty's own error answers start afresh.
 */
final class SecurityHeaders implements HttpConfiguration.Customizer {
    /** Same-origin files only, no inline script or style, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        add(responseHeaders);
        return request;
    }

    static void add(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }
}
