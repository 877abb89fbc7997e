package fr.inserm.aipolicy.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request that is not valid HTTP, a header too large, a failure outside
 * the application's handler) in the server's form: a small JSON object, the security headers, no
 * stack trace and nothing of the request.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream log;

    JsonErrorHandler(PrintStream log) {
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.add(headers);
        headers.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = body(status);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        logLine(request.getMethod(), status);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    static byte[] body(int status) {
        ObjectNode node = JSON.createObjectNode();
        String reason = HttpStatus.getMessage(status);
        node.put("error", reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT));
        node.put("message", status < 500 ? "the request could not be read: its address, a header or its framing"
                + " is not valid HTTP (for example a % not followed by two hexadecimal digits); no decision was made"
                : "the request could not be answered; no decision was made");
        return PageContent.bytes(node);
    }

    private void logLine(String method, int status) {
        if (log != null) {
            log.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + PolicyHandler.safeMethod(method)
                    + " (other) " + status + " 0 ms");
        }
    }

}
