package fr.inserm.aipolicy.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import fr.inserm.aipolicy.event.DecisionLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends the decision log's logger to daily files in a folder, through Logback: one file per day (UTC),
 * {@code decisions.YYYY-MM-DD.jsonl}, appended to by every run (several at once: Logback's prudent
 * mode locks the file per write), and the files older than the retention deleted at start.
 */
final class DecisionLogFiles {
    /** The retention when none is given: a year of decisions, for the DPO's annual review. */
    static final int DEFAULT_RETENTION_DAYS = 365;

    /** The folder configured in this JVM: Logback refuses a second appender on the same files. */
    private static Path configured;

    private DecisionLogFiles() {
    }

    /**
     * Configures Logback so that logger {@value DecisionLog#LOGGER} writes only to the daily files.
     *
     * @param folder the folder, created if absent
     * @param retentionDays how many days of files to keep
     * @throws IllegalArgumentException when the folder cannot be created or Logback is not the binding
     */
    static synchronized void configure(Path folder, int retentionDays) {
        if (folder.toAbsolutePath().normalize().equals(configured)) {
            return; // already writing there (the command run twice in one JVM, as in tests)
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("--decision-log: cannot create the folder " + folder + ": " + e.getMessage());
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalArgumentException("--decision-log needs Logback, and another logging library is bound");
        }
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("decision-log");
        appender.setAppend(true);
        appender.setPrudent(true);
        TimeBasedRollingPolicy<ILoggingEvent> rolling = new TimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(folder.toAbsolutePath() + "/decisions.%d{yyyy-MM-dd,UTC}.jsonl");
        rolling.setMaxHistory(retentionDays);
        rolling.setCleanHistoryOnStart(true);
        rolling.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        appender.setEncoder(encoder);
        appender.setRollingPolicy(rolling);
        appender.start();
        ch.qos.logback.classic.Logger logger = context.getLogger(DecisionLog.LOGGER);
        logger.detachAndStopAllAppenders();
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        configured = folder.toAbsolutePath().normalize();
    }
}
