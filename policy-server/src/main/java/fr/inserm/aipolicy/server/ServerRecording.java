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
            """;

    private Path folder;
    private int retentionDays = DecisionLogFiles.DEFAULT_RETENTION_DAYS;
    private boolean retentionGiven;
    private boolean mask;
    private String requesterHeader;

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
        return new RecordingEngine(engine, DecisionEvents.to(DecisionEvents.DEFAULT_CAPACITY, listeners),
                requesterHeader);
    }
}
