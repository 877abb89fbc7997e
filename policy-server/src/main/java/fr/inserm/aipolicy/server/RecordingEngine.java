package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.event.Channel;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionOrigin;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.usage.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.jetty.server.Request;

/**
 * The server's engine when decisions are recorded (the decision log, metrics): it tells the events'
 * listeners of every decision, channel {@code HTTP}, and knows which request header names the
 * requester, if any. The requester is read only from that header, set by Inserm's single sign-on
 * proxy: never from the body, and never the client's address.
 */
final class RecordingEngine implements PolicyEngine {
    /** The longest requester kept: a user name, not a text. */
    static final int MAX_REQUESTER = 200;

    private final PolicyEngine engine;
    private final String requesterHeader;
    private final boolean logged;
    private final ServerMeters meters;
    private final boolean metricsHere;

    /**
     * An engine whose decisions are logged, without metrics.
     *
     * @param engine the engine that decides
     * @param events the listeners to tell
     * @param requesterHeader the header naming the requester, or null to record none
     */
    RecordingEngine(PolicyEngine engine, DecisionEvents events, String requesterHeader) {
        this(engine, events, requesterHeader, true, null, false);
    }

    /**
     * @param engine the engine that decides
     * @param events the listeners to tell
     * @param requesterHeader the header naming the requester, or null to record none
     * @param logged whether the decision log is on (the answers then show the decision's id)
     * @param meters the metrics, or null
     * @param metricsHere whether {@code /metrics} is served on the page's port
     */
    RecordingEngine(PolicyEngine engine, DecisionEvents events, String requesterHeader, boolean logged,
            ServerMeters meters, boolean metricsHere) {
        this.engine = PolicyEngine.telling(engine, events, Channel.HTTP);
        this.requesterHeader = requesterHeader;
        this.logged = logged;
        this.meters = meters;
        this.metricsHere = metricsHere;
    }

    /** Counts a request refused for bad input (the field it names), when the server keeps metrics. */
    static void refused(PolicyEngine engine, String field) {
        if (engine instanceof RecordingEngine r && r.meters != null) {
            r.meters.refused(field);
        }
    }

    /** Counts a request refused by the rate limit, when the server keeps metrics. */
    static void rateLimited(PolicyEngine engine) {
        if (engine instanceof RecordingEngine r && r.meters != null) {
            r.meters.rateLimited();
        }
    }

    /** Counts a request rejected before it was read, when the server keeps metrics. */
    static void rejected(PolicyEngine engine, String reason) {
        if (engine instanceof RecordingEngine r && r.meters != null) {
            r.meters.rejected(reason);
        }
    }

    /**
     * The metrics to serve at {@code /metrics} on the page's port.
     *
     * @param engine the server's engine
     * @return the Prometheus text, or null when they are not served there (another port, or off)
     */
    static String metrics(PolicyEngine engine) {
        return engine instanceof RecordingEngine r && r.meters != null && r.metricsHere ? r.meters.scrape() : null;
    }

    /**
     * The origin of a request's decision: a new id, channel HTTP, and the requester when the engine
     * records one and the header holds a plausible name.
     *
     * @param engine the server's engine
     * @param request the request
     * @return the origin
     */
    static DecisionOrigin origin(PolicyEngine engine, Request request) {
        String requester = null;
        if (engine instanceof RecordingEngine recording && recording.requesterHeader != null) {
            String value = request.getHeaders().get(recording.requesterHeader);
            if (value != null && !value.isBlank() && value.length() <= MAX_REQUESTER
                    && value.chars().noneMatch(Character::isISOControl)) {
                requester = value.strip();
            }
        }
        return DecisionOrigin.of(Channel.HTTP, requester);
    }

    /**
     * The JSON answer with the decision's id first when the decision is recorded, so that a person can
     * quote it to the DPO; unchanged when nothing records it (an id nobody can look up helps no one).
     *
     * @param engine the server's engine
     * @param origin the decision's origin
     * @param json the answer, a JSON object
     * @return the answer, with {@code "decisionId"} when recorded
     */
    static String withId(PolicyEngine engine, DecisionOrigin origin, String json) {
        if (!(engine instanceof RecordingEngine r) || !r.logged) {
            return json;
        }
        return "{\"decisionId\":\"" + origin.decisionId() + "\"," + json.substring(json.indexOf('{') + 1);
    }

    /** A report's JSON bytes, with the decision's id first when the decisions are logged. */
    static byte[] withId(PolicyEngine engine, DecisionOrigin origin, DecisionReport report) {
        if (!(engine instanceof RecordingEngine r) || !r.logged) {
            return PolicyJson.writeBytes(report); // straight to bytes: no text made, then encoded
        }
        return withId(engine, origin, PolicyJson.write(report)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Decision evaluate(Usage usage, boolean strict) {
        return engine.evaluate(usage, strict);
    }

    @Override
    public Decision evaluateOrDeny(Usage usage) {
        return engine.evaluateOrDeny(Objects.requireNonNull(usage, "usage"));
    }

    @Override
    public PolicyEngine askedBy(DecisionOrigin origin) {
        return engine.askedBy(origin);
    }

    @Override
    public PolicyEngine unrecorded() {
        return engine.unrecorded();
    }

    @Override
    public Policy policy() {
        return engine.policy();
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
