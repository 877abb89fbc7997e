package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.event.DecisionOrigin;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Wording;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every request the server answers: checks the {@code Host} and the client's rate, then routes.
 * A decision's body is read without holding a thread ({@link BodyReader}). Every answer is written
 * here, once, with its status logged (method, route, status, time: never the request's content).
 */
final class PolicyHandler extends Handler.Abstract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final PolicyEngine engine;
    private final PolicyServer.Options options;
    private final PageContent content;
    private final CurrentContent current;
    private final RateLimiter limiter;
    private final HostAllowList hosts;
    private final PrintStream log;
    private final FormPage form;

    PolicyHandler(PolicyEngine engine, PolicyServer.Options options, PageContent content, HostAllowList hosts,
            PrintStream log) {
        this.engine = engine;
        this.options = options;
        this.content = content;
        this.current = new CurrentContent(engine, content);
        this.hosts = hosts;
        this.log = log;
        this.limiter = new RateLimiter(options.requestsPerMinute(), System::nanoTime);
        this.form = new FormPage(engine, content);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        try {
            String query = request.getHttpURI().getQuery();
            if (query != null) {
                RequestQuery.check(query); // a query the server cannot read is refused on every route
            }
            if (!hosts.allows(request.getHeaders().get(HttpHeader.HOST))) {
                RecordingEngine.rejected(engine, "host");
                exchange.error(421, "misdirected request",
                        "this server answers only to the names it was started for; open it by its address");
                return true;
            }
            // /health and the page's own files (style, script, icon) are outside the rate limit: a page
            // loads them with every visit, and they cost the server nothing to send.
            if (!"/health".equals(exchange.path) && content.file(exchange.path) == null
                    && !limiter.tryAcquire(ClientAddress.of(request, options.clients().trustedProxies()))) {
                RecordingEngine.rateLimited(engine);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, limiter.retryAfterSeconds());
                exchange.error(429, "too many requests",
                        "at most " + options.requestsPerMinute() + " requests a minute; try again shortly");
                return true;
            }
            route(exchange);
        } catch (InvalidUsageException e) {
            exchange.invalid(e);
        } catch (RequestQuery.Unreadable e) {
            exchange.invalid(new InvalidUsageException(e.field(), e.wording(),
                    e.field().equals("lang") ? List.of("en", "fr") : List.of()));
        } catch (RuntimeException | Error e) {
            exchange.failure(e);
        }
        return true;
    }

    private void route(Exchange x) {
        String method = x.request.getMethod();
        switch (x.path) {
            case "/api/decisions" -> {
                if (!"POST".equals(method)) {
                    x.methodNotAllowed("POST");
                } else {
                    decide(x);
                }
            }
            case "/api/clauses" -> x.get(JSON_TYPE, current.get().clauses(x.language()), "no-store");
            case "/api/contacts" -> x.get(JSON_TYPE, current.get().contacts(x.language()), "no-store");
            case "/api/labels" -> x.get(JSON_TYPE, content.labels(x.language()), "no-cache");
            case "/api/schema" -> x.get(JSON_TYPE, content.schema(), "no-cache");
            case "/health" -> {
                ObjectNode health = JSON.createObjectNode();
                health.put("status", "UP");
                health.put("policyVersion", engine.policyVersion());
                health.put("policyDigest", engine.policyDigest());
                PolicyHealth.add(health, engine);
                x.get(JSON_TYPE, PageContent.bytes(health), "no-store");
            }
            case "/metrics" -> {
                String metrics = RecordingEngine.metrics(engine); // null: on another port, or off
                if (metrics == null) {
                    x.error(404, "not found", "no such page or endpoint");
                } else {
                    x.get(ServerMetricsPort.TYPE, metrics.getBytes(StandardCharsets.UTF_8), "no-store");
                }
            }
            case "/", "/index.html" -> {
                x.response.getHeaders().put(HttpHeader.VARY, "Accept-Language");
                if ("POST".equals(method)) {
                    decideForm(x);
                } else if ("GET".equals(method) && x.request.getHttpURI().getQuery() != null
                        && FormRequest.parse(x.request.getHttpURI().getQuery()).asks()) {
                    answerForm(x, FormRequest.parse(x.request.getHttpURI().getQuery()), x.language());
                } else {
                    x.get("text/html; charset=utf-8", content.page(x.language()), "no-cache");
                }
            }
            default -> {
                PageContent.StaticFile file = content.file(x.path);
                if (file == null) {
                    x.error(404, "not found", "no such page or endpoint");
                } else {
                    x.get(file.contentType(), file.content(), "no-cache");
                }
            }
        }
    }

    private void decide(Exchange x) {
        if (!isJson(x.request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            x.error(415, "unsupported media type", "send the usage as a JSON object with Content-Type: application/json");
            return;
        }
        Language fallback = x.language(); // checked before reading: a bad ?lang is refused at once
        long declared = x.request.getLength();
        if (declared > PolicyServer.DRAIN_LIMIT_BYTES) {
            x.response.getHeaders().put(HttpHeader.CONNECTION, "close");
            x.tooLarge();
            return;
        }
        if (declared > options.maxBodyBytes()) {
            x.response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        new BodyReader(x.request, options.maxBodyBytes(), PolicyServer.DRAIN_LIMIT_BYTES, new BodyReader.Outcome() {
            @Override
            public void body(byte[] bytes) {
                x.bodyRead = true;
                try {
                    answer(x, bytes, fallback);
                } catch (InvalidUsageException e) {
                    x.invalid(e);
                } catch (RuntimeException | Error e) {
                    x.failure(e);
                }
            }

            @Override
            public void tooLarge() {
                x.response.getHeaders().put(HttpHeader.CONNECTION, "close");
                x.tooLarge();
            }

            @Override
            public void failed(Throwable failure) {
                HttpException http = failure instanceof HttpException h ? h : null;
                if (http != null && http.getCode() == 413) {
                    x.tooLarge();
                } else if (failure instanceof java.util.concurrent.TimeoutException) {
                    x.response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    x.error(408, "request timeout", "the request body did not arrive in time");
                } else {
                    // A malformed chunk, or a body cut short: the body as a whole is not understood.
                    x.response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    x.invalid(new InvalidUsageException("(request)", Wording.of("httpBodyUnreadable"), List.of()));
                }
            }
        }).run();
    }

    /** The page's form posted by a browser without JavaScript: answered with the page and the decision in it. */
    private void decideForm(Exchange x) {
        String type = x.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            x.error(415, "unsupported media type", "send the page's form as application/x-www-form-urlencoded,"
                    + " or the usage as JSON to POST /api/decisions");
            return;
        }
        Language fallback = x.language();
        new BodyReader(x.request, options.maxBodyBytes(), PolicyServer.DRAIN_LIMIT_BYTES, new BodyReader.Outcome() {
            @Override
            public void body(byte[] bytes) {
                x.bodyRead = true;
                try {
                    answerForm(x, FormRequest.parse(new String(bytes, StandardCharsets.ISO_8859_1)), fallback);
                } catch (RequestQuery.Unreadable e) {
                    x.invalid(new InvalidUsageException(e.field(), e.wording(), List.of()));
                } catch (RuntimeException | Error e) {
                    x.failure(e);
                }
            }

            @Override
            public void tooLarge() {
                x.response.getHeaders().put(HttpHeader.CONNECTION, "close");
                x.tooLarge();
            }

            @Override
            public void failed(Throwable failure) {
                x.response.getHeaders().put(HttpHeader.CONNECTION, "close");
                x.error(400, "bad request", "the form could not be read; no decision was made");
            }
        }).run();
    }

    private void answerForm(Exchange x, FormRequest answers, Language fallback) {
        FormPage.Answer page = form.answer(answers, fallback, pageAddress(x.request));
        x.send(page.status(), "text/html; charset=utf-8", page.page(), "no-store");
    }

    /** The page's address as the client reached it (its Host was checked), for the link to ask again. */
    private static String pageAddress(Request request) {
        String scheme = request.getHttpURI().getScheme();
        String host = request.getHeaders().get(HttpHeader.HOST);
        return (scheme == null ? "http" : scheme) + "://" + host + "/";
    }

    private void answer(Exchange x, byte[] body, Language fallback) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidUsageException("(request)", Wording.of("notValidUtf8"), List.of());
        }
        EvaluationRequest request = PolicyJson.readRequest(text, engine.tools());
        if (request.language() == null) {
            request = request.inLanguage(fallback);
        }
        DecisionOrigin origin = RecordingEngine.origin(engine, x.request);
        DecisionReport report = PolicyReports.of(engine.askedBy(origin)).report(request);
        x.send(200, JSON_TYPE, RecordingEngine.withId(engine, origin, report), "no-store");
    }

    static boolean isJson(String contentType) {
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

    static String safeMethod(String method) {
        return switch (method) {
            case "GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS" -> method;
            default -> "(other)";
        };
    }

    private String routeName(String path) {
        return switch (path) {
            case "/api/decisions", "/api/clauses", "/api/contacts", "/api/labels", "/api/schema", "/health", "/", "/index.html" -> path;
            default -> content.file(path) != null ? path : "(other)";
        };
    }

    /** One request and its answer, written once. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final String path;
        final long started = System.nanoTime();
        private final AtomicBoolean answered = new AtomicBoolean();
        /** Set once the body has been read whole: only then may the connection carry another request. */
        private volatile boolean bodyRead;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            String p = request.getHttpURI().getPath();
            this.path = p == null ? "" : p;
        }

        /**
         * The language of a refusal: as {@link #language()}; when {@code ?lang=} itself is refused (not en or fr,
         * or not readable), the language of {@code Accept-Language}, else English.
         */
        Language refusalLanguage() {
            try {
                return language();
            } catch (InvalidUsageException | RequestQuery.Unreadable e) {
                return LanguageChoice.fromHeader(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
            }
        }

        /** The language of the answer's texts: {@code ?lang=}, else {@code Accept-Language}, else English. */
        Language language() {
            return LanguageChoice.choose(queryParameter("lang"), request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
        }

        private String queryParameter(String name) {
            return RequestQuery.parameter(request.getHttpURI().getQuery(), name);
        }

        private boolean mayCarryBody() {
            return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        }

        void get(String type, byte[] body, String cache) {
            String method = request.getMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                methodNotAllowed("GET, HEAD");
                return;
            }
            send(200, type, body, cache);
        }

        void methodNotAllowed(String allowed) {
            response.getHeaders().put(HttpHeader.ALLOW, allowed);
            error(405, "method not allowed", "use " + allowed);
        }

        void tooLarge() {
            error(413, "request too large", "the usage must be at most " + options.maxBodyBytes() + " bytes");
        }

        void invalid(InvalidUsageException e) {
            RecordingEngine.refused(engine, e.field());
            // in the caller's language (?lang=, else Accept-Language): the field as it is, the sentence translated
            Language language = refusalLanguage();
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "invalid usage");
            error.put("field", e.field());
            error.put("problem", e.problem(language));
            ArrayNode accepted = error.putArray("acceptedValues");
            e.acceptedValues().forEach(accepted::add);
            error.put("message", e.message(language));
            error.put("language", language.code());
            send(400, JSON_TYPE, PageContent.bytes(error), "no-store");
        }

        void failure(Throwable e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            if (log != null) {
                // The class only: an exception's message may quote the request.
                log.println("aipolicy web: internal error " + incident + ": " + e.getClass().getName());
            }
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "internal error");
            error.put("message", "the request could not be decided; no decision was made");
            error.put("incident", incident);
            send(500, JSON_TYPE, PageContent.bytes(error), "no-store");
        }

        void error(int status, String error, String message) {
            ObjectNode node = JSON.createObjectNode();
            node.put("error", error);
            node.put("message", message);
            send(status, JSON_TYPE, PageContent.bytes(node), "no-store");
        }

        void send(int status, String type, byte[] body, String cache) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            if (response.isCommitted()) {
                callback.failed(new IllegalStateException("response already committed"));
                return;
            }
            response.setStatus(status);
            HttpFields.Mutable headers = response.getHeaders();
            if (!bodyRead && mayCarryBody()) {
                // Answered before reading the body (415, 405, 421, 429...): whether the server can still
                // drain it depends on how much has arrived, so a client reusing the connection would race
                // its closing. Saying so lets every client open a new one.
                headers.put(HttpHeader.CONNECTION, "close");
            }
            SecurityHeaders.add(headers);
            headers.put(HttpHeader.CONTENT_TYPE, type);
            headers.put(HttpHeader.CACHE_CONTROL, cache);
            headers.put(HttpHeader.CONTENT_LENGTH, body.length);
            boolean head = "HEAD".equals(request.getMethod());
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
            if (log != null) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                log.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + safeMethod(request.getMethod()) + " "
                        + routeName(path) + " " + status + " " + millis + " ms");
            }
        }
    }
}
