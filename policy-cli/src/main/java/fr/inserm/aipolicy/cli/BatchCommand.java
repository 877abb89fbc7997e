package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code evaluate --batch}: opens the source (JSON Lines or CSV), takes the output's lock
 * ({@link BatchOutput}), finds where to resume, and runs the {@link BatchRunner}. Exit statuses mean
 * one thing in every mode: {@link AipolicyCli#BAD_INPUT} 2 when the input (or a record) cannot be read
 * or another run holds the output, {@link AipolicyCli#OUTPUT_FAILURE} 3 when the output cannot be
 * written, {@code --resume} included.
 */
final class BatchCommand {
    /**
     * What the command line asked.
     *
     * @param source the input's name ({@code -} for standard input)
     * @param csv whether the input is CSV
     * @param output {@code json}, {@code csv} or {@code text}
     * @param dialect {@code --csv}: the spreadsheet dialect to write, or null for the input's own
     * @param language {@code --lang}, or null
     * @param skip {@code --skip}, or null
     * @param resume {@code --resume}, or null
     * @param failOn the verdicts of {@code --fail-on}
     * @param strict {@code --strict}
     */
    record Request(String source, boolean csv, String output, SheetFormat.Dialect dialect, Language language, Long skip,
            Path resume, Set<Verdict> failOn, boolean strict) {
    }

    private final PolicyEngine engine;
    private final OutputStream out;
    private final PrintStream err;

    BatchCommand(PolicyEngine engine, OutputStream out, PrintStream err) {
        this.engine = engine;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the batch.
     *
     * @param format the output format, for JSON Lines input or an output other than CSV
     * @return the exit status
     * @throws OutputFailedException when the output could not be written
     * @throws IOException when the input could not be read (other than {@link InputStoppedException},
     *     which is reported here)
     */
    int run(InputStream input, OutputFormat format, Request r) throws IOException {
        SheetWords words = SheetWords.of(r.language());
        if (r.resume() != null) {
            try (BatchOutput output = BatchOutput.resume(r.resume())) {
                Opened opened = open(input, format, r, words);
                if (opened == null) {
                    return AipolicyCli.BAD_INPUT;
                }
                Resume.Point point;
                try {
                    point = Resume.prepare(output.channel(), r.resume(), opened.format);
                } catch (InvalidUsageException e) {
                    err.println("aipolicy: " + words.word("resume.refused", e.getMessage()));
                    return AipolicyCli.BAD_INPUT;
                } catch (IOException e) {
                    throw new OutputFailedException(0, new IOException("cannot write " + r.resume() + ": "
                            + BatchOutput.reason(e), e));
                }
                OutputStream file;
                try {
                    file = output.stream();
                } catch (IOException e) {
                    throw new OutputFailedException(0, e);
                }
                return decide(opened, file, new BatchRunner.Options(opened.format, point.lastLine(),
                        !point.hasHeader(), r.failOn(), r.strict(), opened.language), r, words);
            } catch (BatchOutput.Locked e) {
                err.println("aipolicy: " + e.getMessage());
                return AipolicyCli.BAD_INPUT;
            }
        }
        FileLock lock;
        try {
            lock = BatchOutput.lockStandardOutput(out);
        } catch (BatchOutput.Locked e) {
            err.println("aipolicy: " + e.getMessage());
            return AipolicyCli.BAD_INPUT;
        }
        try {
            Opened opened = open(input, format, r, words);
            if (opened == null) {
                return AipolicyCli.BAD_INPUT;
            }
            return decide(opened, out, new BatchRunner.Options(opened.format, r.skip() == null ? 0 : r.skip(), true,
                    r.failOn(), r.strict(), opened.language), r, words);
        } finally {
            if (lock != null && lock.isValid()) {
                try {
                    lock.release();
                } catch (IOException ignored) {
                    // the lock goes with the process anyway
                }
            }
        }
    }

    /** The source and the format it is written back in. */
    private record Opened(RecordSource source, OutputFormat format, Language language) {
    }

    private Opened open(InputStream input, OutputFormat format, Request r, SheetWords words) throws IOException {
        if (!r.csv()) {
            return new Opened(new LineFramer(input), format, r.language());
        }
        CsvInventory inventory;
        try {
            inventory = new CsvInventory(input, r.language());
        } catch (InvalidUsageException e) {
            err.println("aipolicy: " + words.word("header.refused", e.field() + ": " + e.problem()
                    + (e.acceptedValues().isEmpty() ? "" : "; accepted: " + String.join(", ", e.acceptedValues()))));
            return null;
        }
        if (!r.output().equals("csv")) {
            return new Opened(inventory, format, r.language());
        }
        // the spreadsheet written back as it came (or in the dialect asked), in its language
        SheetFormat.Dialect d = r.dialect();
        char separator = d == null ? inventory.separator() : d.separator;
        Language language = r.language() != null ? r.language() : d == null ? inventory.language()
                : separator == ';' ? Language.FR : Language.EN;
        return new Opened(inventory, new SheetFormat(inventory.headerCells(), separator,
                d == null ? inventory.byteOrderMark() : d.byteOrderMark, d == null ? inventory.crlf() : d.crlf,
                language, engine.policy()), language);
    }

    private int decide(Opened opened, OutputStream to, BatchRunner.Options options, Request r, SheetWords words)
            throws IOException {
        try {
            return new BatchRunner(engine, err).run(opened.source, to, options);
        } catch (InputStoppedException e) {
            CsvRows.Damage damage = e.damage();
            if (damage != null) {
                err.println("aipolicy: " + words.word("stop.damage", String.valueOf(damage.line),
                        String.valueOf(damage.quoteLine), String.valueOf(damage.quoteColumn), String.valueOf(damage.lastLine)));
            } else if (e.lastLineRead == 0) {
                err.println("aipolicy: " + words.word("stop.ioStart", r.source(), e.getMessage()));
            } else {
                err.println("aipolicy: " + words.word("stop.io", r.source(), String.valueOf(e.lastLineRead),
                        e.getMessage()));
            }
            return AipolicyCli.BAD_INPUT;
        }
    }
}
