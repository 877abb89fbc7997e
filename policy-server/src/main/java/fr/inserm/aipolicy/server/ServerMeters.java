package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.event.DecisionEvent;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics, through Micrometer, scraped at {@code /metrics} in Prometheus's text format.
 * Names follow Micrometer's conventions (lower case, dot-separated; the registry writes them as
 * {@code aipolicy_decisions_total} and so on); every tag takes a value from a fixed set, never a
 * text a person typed:
 *
 * <ul>
 *   <li>{@code aipolicy.decisions} (verdict, channel): decisions made;</li>
 *   <li>{@code aipolicy.decision.duration} (channel): how long deciding took, a histogram;</li>
 *   <li>{@code aipolicy.requests.refused} (field): requests refused for bad input, by the field named;</li>
 *   <li>{@code aipolicy.requests.rate.limited}: requests refused by the rate limit (429);</li>
 *   <li>{@code aipolicy.requests.rejected} (reason): requests rejected before anything was read
 *       ({@code host}: a name the server does not answer to, 421);</li>
 *   <li>{@code aipolicy.policy.info} (version, digest): always 1, the policy the server runs;</li>
 *   <li>{@code aipolicy.decision.events.dropped}: decisions the log and metrics could not keep up with.</li>
 * </ul>
 */
final class ServerMeters implements DecisionListener {
    /** The first part of a refused field the tag may take; anything else counts as {@code other}. */
    private static final Set<String> FIELDS = Set.of("tool", "hosting", "dataCategories", "purpose", "context",
            "language", "alternatives", "disclosure", "strict", "usage", "(request)");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter rateLimited;

    ServerMeters(PolicyEngine engine) {
        Gauge.builder("aipolicy.policy.info", () -> 1).description("The policy the server decides by (always 1)")
                .tags("version", engine.policyVersion(), "digest", engine.policyDigest()).register(registry);
        rateLimited = Counter.builder("aipolicy.requests.rate.limited")
                .description("Requests refused because the client asked too often (429)").register(registry);
    }

    /** Counts the events the queue dropped. */
    void watch(DecisionEvents events) {
        FunctionCounter.builder("aipolicy.decision.events.dropped", events, DecisionEvents::dropped)
                .description("Decisions not recorded because the recording could not keep up").register(registry);
    }

    @Override
    public void decided(DecisionEvent event) {
        String channel = event.channel().name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("aipolicy.decisions").description("Decisions made")
                .tags("verdict", event.verdict().name(), "channel", channel).register(registry).increment();
        Timer.builder("aipolicy.decision.duration").description("How long deciding took")
                .tags("channel", channel).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry).record(event.nanos(), TimeUnit.NANOSECONDS);
    }

    /** Counts a request refused for bad input, by the first part of the field it names. */
    void refused(String field) {
        String first = field == null ? "other" : field.split("[.\\[]", 2)[0];
        Counter.builder("aipolicy.requests.refused").description("Requests refused for bad input, by field")
                .tags("field", FIELDS.contains(first) ? first : "other").register(registry).increment();
    }

    /** Counts a request refused by the rate limit. */
    void rateLimited() {
        rateLimited.increment();
    }

    /** Counts a request rejected before it was read. */
    void rejected(String reason) {
        Counter.builder("aipolicy.requests.rejected").description("Requests rejected before they were read")
                .tags("reason", reason).register(registry).increment();
    }

    /** The metrics in Prometheus's text format (version 0.0.4). */
    String scrape() {
        return registry.scrape();
    }
}
