package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.event.Channel;
import fr.inserm.aipolicy.event.DecisionEvent;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionId;
import fr.inserm.aipolicy.event.DecisionOrigin;
import fr.inserm.aipolicy.usage.Usage;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An engine that tells its listeners of every decision: built by {@link PolicyEngine.Builder} only when
 * a listener is given, so an engine without one runs exactly the code it ran before. Deciding, then
 * handing the event to {@link DecisionEvents}, which never waits; the decision is returned whatever
 * becomes of the event.
 */
final class ListeningPolicyEngine implements PolicyEngine {
    private final PolicyEngine engine;
    private final DecisionEvents events;
    private final Channel channel;
    /** The origin of the next decision, for a view made by {@link #askedBy(DecisionOrigin)}; null otherwise. */
    private final DecisionOrigin origin;
    private final AtomicBoolean originUsed = new AtomicBoolean();

    /** The engine that decides (a watched source's engine keeps saying which policy serves). */
    PolicyEngine inner() {
        return engine;
    }

    ListeningPolicyEngine(PolicyEngine engine, DecisionEvents events, Channel channel, DecisionOrigin origin) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.events = Objects.requireNonNull(events, "events");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.origin = origin;
    }

    @Override
    public Decision evaluate(Usage usage, boolean strict) {
        Instant time = Instant.now();
        long start = System.nanoTime();
        Decision decision = engine.evaluate(usage, strict);
        record(usage, decision, time, System.nanoTime() - start);
        return decision;
    }

    @Override
    public Decision evaluateOrDeny(Usage usage) {
        Objects.requireNonNull(usage, "usage");
        Instant time = Instant.now();
        long start = System.nanoTime();
        Decision decision;
        try {
            decision = engine.evaluate(usage, false);
        } catch (RuntimeException e) {
            decision = FailClosed.deny(e, policyVersion(), policyDigest());
        }
        record(usage, decision, time, System.nanoTime() - start);
        return decision;
    }

    private void record(Usage usage, Decision decision, Instant time, long nanos) {
        DecisionEvent event;
        try {
            boolean first = origin != null && originUsed.compareAndSet(false, true);
            String id = first ? origin.decisionId() : DecisionId.next();
            Channel through = origin != null ? origin.channel() : channel;
            String requester = origin != null ? origin.requester() : null;
            event = new DecisionEvent(id, time, through, requester, usage, decision, nanos);
        } catch (RuntimeException e) {
            return; // recording never costs the caller its decision
        }
        events.offer(event);
    }

    @Override
    public PolicyEngine askedBy(DecisionOrigin origin) {
        return new ListeningPolicyEngine(engine, events, channel, Objects.requireNonNull(origin, "origin"));
    }

    @Override
    public PolicyEngine unrecorded() {
        return engine;
    }

    @Override
    public Policy policy() {
        return engine.policy();
    }

    @Override
    public String toString() {
        return engine + " telling " + events.getClass().getSimpleName() + " (" + channel + ")";
    }
}
