package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionListener;
import fr.inserm.aipolicy.event.DecisionLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's options that record decisions, taken out of the command line before the rest is read:
 * {@code --decision-log DIR}, {@code --decision-log-retention-days N}, {@code --mask-tool-names} and
 * {@code --requester-header NAME}.
 */
final class ServerRecording {
    static final String USAGE = """
              --decision-log DIR   record every decision in DIR, one JSON object per line, one file per day
                                   (docs/decision-log.md: what a record holds, and what it never holds)
              --decision-log-retention-days N
                                   delete the decision log's files older than N days (default 365)
              --mask-tool-names    in the decision log, write a tool's name only when the tool catalogue knows it
              --requester-header NAME
                                   record the requester named by this header, set by the single sign-on proxy
                                   (for example X-Remote-User); without it, no requester is recorded
              --metrics-port N|off serve /metrics (Prometheus) on port N of the same address, or not at all
                                   (default: /metrics on the page's port)
            """;

    private Path folder;
    private int retentionDays = DecisionLogFiles.DEFAULT_RETENTION_DAYS;
    private boolean retentionGiven;
    private boolean mask;
    private String requesterHeader;
    /** The metrics' port: -1 for the page's port, -2 for none. */
    private int metricsPort = -1;
    private ServerMeters meters;

    /**
     * Takes the options out of the arguments.
     *
     * @param args the command line
     * @param rest where the other arguments go, in order
     * @return the options
     * @throws IllegalArgumentException naming the option when a value is missing or wrong
     */
    static ServerRecording take(String[] args, List<String> rest) {
        ServerRecording recording = new ServerRecording();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--decision-log" -> recording.folder = Path.of(value(args, ++i, "--decision-log", "a folder"));
                case "--decision-log-retention-days" -> {
                    String value = value(args, ++i, "--decision-log-retention-days", "a number of days");
                    try {
                        recording.retentionDays = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        recording.retentionDays = 0;
                    }
                    if (recording.retentionDays < 1 || recording.retentionDays > 36_500) {
                        throw new IllegalArgumentException("--decision-log-retention-days needs a number of days from"
                                + " 1 to 36500, not \"" + value + "\"");
                    }
                    recording.retentionGiven = true;
                }
                case "--mask-tool-names" -> recording.mask = true;
                case "--metrics-port" -> {
                    String value = value(args, ++i, "--metrics-port", "a port number or off");
                    try {
                        recording.metricsPort = value.equals("off") ? -2 : Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        recording.metricsPort = -3;
                    }
                    if (recording.metricsPort < -2 || recording.metricsPort > 65_535) {
                        throw new IllegalArgumentException("--metrics-port needs a port from 0 to 65535, or off, not \""
                                + value + "\"");
                    }
                }
                case "--requester-header" -> {
                    String name = value(args, ++i, "--requester-header", "a header name");
                    if (!name.matches("[A-Za-z0-9-]{1,64}")) {
                        throw new IllegalArgumentException("--requester-header needs a header name such as"
                                + " X-Remote-User, not \"" + name + "\"");
                    }
                    recording.requesterHeader = name;
                }
                default -> rest.add(args[i]);
            }
        }
        if (recording.folder == null && (recording.mask || recording.retentionGiven || recording.requesterHeader != null)) {
            throw new IllegalArgumentException("--mask-tool-names, --decision-log-retention-days and --requester-header"
                    + " go with --decision-log DIR");
        }
        return recording;
    }

    private static String value(String[] args, int i, String option, String what) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs " + what);
        }
        return args[i];
    }

    /**
     * The engine the server uses: recording its decisions when the log or other listeners are on.
     *
     * @param engine the engine built
     * @param others other listeners (metrics), possibly none
     * @return the engine, or a {@link RecordingEngine}
     */
    PolicyEngine wrap(PolicyEngine engine, List<DecisionListener> others) {
        List<DecisionListener> listeners = new ArrayList<>(others);
        if (metricsPort != -2) {
            meters = new ServerMeters(engine);
            listeners.add(meters);
        }
        if (folder != null) {
            DecisionLogFiles.configure(folder, retentionDays);
            DecisionLog.Builder log = DecisionLog.builder();
            if (mask) {
                log.maskToolNames().keepCatalogued(engine.tools());
            }
            if (requesterHeader != null) {
                log.withRequester();
            }
            listeners.add(log.build());
        }
        if (listeners.isEmpty()) {
            return engine;
        }
        DecisionEvents events = DecisionEvents.to(DecisionEvents.DEFAULT_CAPACITY, listeners);
        if (meters != null) {
            meters.watch(events);
        }
        return new RecordingEngine(engine, events, requesterHeader, folder != null, meters, metricsPort == -1);
    }

    /**
     * Starts {@code /metrics} on its own port when {@code --metrics-port N} says so.
     *
     * @param host the address the server listens on
     * @return the metrics server, or null when the metrics are on the page's port or off
     * @throws java.io.IOException when the port cannot be listened on
     */
    ServerMetricsPort startMetricsPort(String host) throws java.io.IOException {
        return meters == null || metricsPort < 0 ? null : ServerMetricsPort.start(host, metricsPort, meters::scrape);
    }
}
