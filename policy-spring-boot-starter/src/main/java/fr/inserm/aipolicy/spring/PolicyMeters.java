package fr.inserm.aipolicy.spring;

import fr.inserm.aipolicy.event.DecisionEvent;
import fr.inserm.aipolicy.event.DecisionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts decisions ({@code aipolicy.decisions}, by verdict and channel) and times them
 * ({@code aipolicy.decision.duration}) in the application's meter registry, when it has one.
 */
final class PolicyMeters implements DecisionListener {
    private final ObjectProvider<MeterRegistry> registries;

    PolicyMeters(ObjectProvider<MeterRegistry> registries) {
        this.registries = registries;
    }

    @Override
    public void decided(DecisionEvent event) {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry == null) {
            return;
        }
        String channel = event.channel().name().toLowerCase(Locale.ROOT);
        Counter.builder("aipolicy.decisions").description("Decisions made")
                .tags("verdict", event.verdict().name(), "channel", channel).register(registry).increment();
        Timer.builder("aipolicy.decision.duration").description("How long deciding took").tags("channel", channel)
                .publishPercentileHistogram().register(registry).record(event.nanos(), TimeUnit.NANOSECONDS);
    }
}
