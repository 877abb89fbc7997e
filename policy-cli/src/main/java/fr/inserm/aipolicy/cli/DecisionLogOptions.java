package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.event.Channel;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The options that turn the decision log on, taken out of the command line before the command reads
 * it: {@code --decision-log DIR}, {@code --decision-log-retention-days N}, {@code --mask-tool-names}.
 * Every decision the command makes is then recorded once, channel {@code CLI}; the command waits for
 * the records to be written before it exits.
 */
final class DecisionLogOptions implements AutoCloseable {
    /** How long a decision may wait for room in the queue of records: a batch goes at the disk's pace. */
    static final Duration MAX_WAIT = Duration.ofMillis(200);

    private final Path folder;
    private final int retentionDays;
    private final boolean mask;
    private DecisionEvents events;

    private DecisionLogOptions(Path folder, int retentionDays, boolean mask) {
        this.folder = folder;
        this.retentionDays = retentionDays;
        this.mask = mask;
    }

    /**
     * Takes the options out of the arguments.
     *
     * @param rest the arguments, from which the options and their values are removed
     * @return the options
     * @throws IllegalArgumentException naming the option when a value is missing or wrong
     */
    static DecisionLogOptions take(List<String> rest) {
        Path folder = null;
        int days = DecisionLogFiles.DEFAULT_RETENTION_DAYS;
        int at = rest.indexOf("--decision-log");
        if (at >= 0) {
            if (at + 1 >= rest.size() || rest.get(at + 1).startsWith("--")) {
                throw new IllegalArgumentException("--decision-log needs a folder, where the daily files are written");
            }
            folder = Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        at = rest.indexOf("--decision-log-retention-days");
        if (at >= 0) {
            String value = at + 1 < rest.size() ? rest.get(at + 1) : "";
            try {
                days = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                days = 0;
            }
            if (days < 1 || days > 36_500) {
                throw new IllegalArgumentException("--decision-log-retention-days needs a number of days from 1 to"
                        + " 36500, not \"" + value + "\"");
            }
            rest.subList(at, at + 2).clear();
        }
        boolean mask = rest.remove("--mask-tool-names");
        if (folder == null && (mask || at >= 0)) {
            throw new IllegalArgumentException("--mask-tool-names and --decision-log-retention-days go with"
                    + " --decision-log DIR");
        }
        return new DecisionLogOptions(folder, days, mask);
    }

    /**
     * The engines the command uses: recording their decisions when the log is on.
     *
     * @param engines how the command gets its engine
     * @return the same, or engines that record
     */
    Supplier<PolicyEngine> wrap(Supplier<PolicyEngine> engines) {
        if (folder == null) {
            return engines;
        }
        return () -> {
            PolicyEngine engine = engines.get();
            if (events == null) {
                DecisionLogFiles.configure(folder, retentionDays);
                DecisionLog.Builder log = DecisionLog.builder();
                if (mask) {
                    log.maskToolNames().keepCatalogued(engine.tools());
                }
                events = DecisionEvents.to(DecisionEvents.DEFAULT_CAPACITY, MAX_WAIT, List.of(log.build()));
            }
            return PolicyEngine.telling(engine, events, Channel.CLI);
        };
    }

    /** Waits for the records to be written (up to ten seconds), then stops. */
    @Override
    public void close() {
        if (events != null) {
            events.flush(Duration.ofSeconds(10));
            events.close();
        }
    }
}
