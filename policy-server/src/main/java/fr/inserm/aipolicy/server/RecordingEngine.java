package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.event.Channel;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionOrigin;
import fr.inserm.aipolicy.usage.Usage;
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

    /**
     * @param engine the engine that decides
     * @param events the listeners to tell
     * @param requesterHeader the header naming the requester, or null to record none
     */
    RecordingEngine(PolicyEngine engine, DecisionEvents events, String requesterHeader) {
        this.engine = PolicyEngine.telling(engine, events, Channel.HTTP);
        this.requesterHeader = requesterHeader;
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
        if (!(engine instanceof RecordingEngine)) {
            return json;
        }
        return "{\"decisionId\":\"" + origin.decisionId() + "\"," + json.substring(json.indexOf('{') + 1);
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
