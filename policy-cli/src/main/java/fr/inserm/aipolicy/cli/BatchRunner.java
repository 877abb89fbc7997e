package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * {@code evaluate --batch}: decides every record of a {@link RecordSource}, one output record per input
 * record, in input order; a record that cannot be read gives an error record naming its line (and id),
 * and the batch goes on. Blank lines are skipped and counted.
 *
 * <p>A bounded pipeline: a reader thread cuts the input into chunks of at most {@link #CHUNK} records
 * and {@link #CHUNK_BYTES} bytes and hands each to a pool of worker threads (one per core), which
 * decode, decide and encode each chunk; the calling thread writes the chunks in input order, each in
 * one write of whole records. At most {@code 2 × workers + 2} chunks are in flight, so memory does not
 * grow with the input. A worker remembers the text of the decisions it wrote last (the engine answers
 * equal usages with the same decision object), so a repeated profile is encoded once per worker.
 *
 * <p>A failure to write stops the batch at once with an {@link OutputFailedException}.
 */
final class BatchRunner {
    /** Records per chunk, at most. */
    static final int CHUNK = 512;
    /** Input bytes per chunk, at most (records up to 256 KiB each must not pile up). */
    static final int CHUNK_BYTES = 1 << 20;
    private static final int REMEMBERED = 4_096;
    /** Per worker: the records read and decided, by text (the options are the same for the whole batch). */
    private final ThreadLocal<Map<Object, Map.Entry<EntryReader.Entry, Decision>>> entries = ThreadLocal.withInitial(HashMap::new);
    /** Per worker: the size to give the next chunk's output buffer. */
    private final ThreadLocal<int[]> sizes = ThreadLocal.withInitial(() -> new int[1]);
    /**
     * Chunk output buffers written and handed back for the next chunks. A chunk's output is megabytes
     * (512 decisions with their clause texts); allocated anew for every chunk, each was a humongous
     * object to the garbage collector, and the collections held the workers back.
     */
    private final BlockingQueue<ChunkBuffer> spareBuffers = new LinkedBlockingQueue<>();

    private final PolicyEngine engine;
    /** The decisions' texts in another language than English. */
    private final PolicyReports reports;
    private final PrintStream err;
    private final int workers;

    BatchRunner(PolicyEngine engine, PrintStream err) {
        this(engine, err, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    BatchRunner(PolicyEngine engine, PrintStream err, int workers) {
        this.engine = engine;
        this.reports = PolicyReports.of(engine);
        this.err = err;
        this.workers = workers;
    }

    /**
     * What to do with the records.
     *
     * @param format how to write the answers
     * @param skip input lines not to decide (line numbers up to it), for a resumed run
     * @param header whether to write the format's header first (not when appending to an output)
     * @param failOn verdicts that make the batch end with {@link AipolicyCli#FAIL_ON}
     */
    record Options(OutputFormat format, long skip, boolean header, Set<Verdict> failOn, boolean strict,
            Language language) {
        Options(OutputFormat format, long skip, boolean header, Set<Verdict> failOn) {
            this(format, skip, header, failOn, false, null);
        }

        static Options json() {
            return new Options(new OutputFormat.Json(), 0, true, EnumSet.noneOf(Verdict.class));
        }
    }

    /** A chunk's output and counts. */
    private static final class Done {
        /** The chunk's output, UTF-8: written from this buffer, without a copy. */
        ChunkBuffer text;
        final long[] verdicts = new long[Verdict.values().length];
        long errors;
        long records;
        long lastLine;
    }

    /** The end of the input, or the reader's failure, in the queue of chunks. */
    private static final Future<Done> END = CompletableFuture.completedFuture(null);

    /** Decides JSON Lines with the default options (tests and benchmarks). */
    int run(InputStream in, OutputStream out) throws IOException {
        return run(new LineFramer(in), out, Options.json());
    }

    /**
     * Decides every record of the source.
     *
     * @return {@link AipolicyCli#OK}, {@link AipolicyCli#BAD_INPUT} when any record was bad, or
     *     {@link AipolicyCli#FAIL_ON} when a decision had a verdict of {@code options.failOn()}
     * @throws OutputFailedException when the output cannot be written: the batch stopped
     * @throws IOException when the input cannot be read
     */
    int run(RecordSource source, OutputStream out, Options options) throws IOException {
        BlockingQueue<Future<Done>> inFlight = new ArrayBlockingQueue<>(2 * workers + 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "aipolicy-batch-worker");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<Map<Decision, byte[]>> written = ThreadLocal.withInitial(IdentityHashMap::new);
        ThreadLocal<EntryReader> readers = ThreadLocal.withInitial(() -> new EntryReader(engine.tools()));
        IOException[] readFailure = new IOException[1];
        long[] blank = new long[1];
        Thread readerThread = new Thread(reader(source, options, inFlight,
                chunk -> pool.submit(() -> decide(source, chunk, options, written, readers)), readFailure, blank),
                "aipolicy-batch-reader");
        readerThread.setDaemon(true);
        readerThread.start();

        // a file or standard output is written through its channel: the stream's native write copies every
        // chunk (megabytes) into freshly allocated memory first, which was most of the writer's time
        FileChannel channel = out instanceof FileOutputStream file ? file.getChannel() : null;
        long[] verdicts = new long[Verdict.values().length];
        long errors = 0;
        long records = 0;
        long lastLine = options.skip();
        boolean failOn = false;
        try {
            if (options.header() && !options.format().header().isEmpty()) {
                write(out, OutputFormat.utf8(options.format().header()), lastLine);
            }
            for (Future<Done> next = inFlight.take(); next != END; next = inFlight.take()) {
                Done done = next.get();
                // one write per chunk of whole records: a reader of the output sees no torn record between chunks
                try {
                    done.text.writeTo(out, channel);
                } catch (IOException e) {
                    throw new OutputFailedException(lastLine, e);
                }
                done.text.reset();
                if (spareBuffers.size() < 3 * workers + 2) { // as many as can be in use at once
                    spareBuffers.offer(done.text);
                }
                records += done.records;
                errors += done.errors;
                lastLine = done.lastLine;
                for (Verdict v : Verdict.values()) {
                    verdicts[v.ordinal()] += done.verdicts[v.ordinal()];
                    failOn |= done.verdicts[v.ordinal()] > 0 && options.failOn().contains(v);
                }
            }
            try {
                out.flush();
            } catch (IOException e) {
                throw new OutputFailedException(lastLine, e);
            }
            readerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deciding the batch");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch worker failed: " + e.getCause(), e.getCause());
        } finally {
            readerThread.interrupt();
            pool.shutdownNow();
        }
        summary(records, verdicts, errors, blank[0], options.skip());
        if (readFailure[0] != null) {
            throw readFailure[0];
        }
        return errors > 0 ? AipolicyCli.BAD_INPUT : failOn ? AipolicyCli.FAIL_ON : AipolicyCli.OK;
    }

    /**
     * The reader thread's work: cuts the source into chunks of whole records and queues each chunk's
     * decision in input order, then {@link #END}; a failure to read is kept in {@code readFailure}.
     */
    private static Runnable reader(RecordSource source, Options options, BlockingQueue<Future<Done>> inFlight,
            Function<List<InputRecord>, Future<Done>> submit, IOException[] readFailure, long[] blank) {
        return () -> {
            List<InputRecord> chunk = new ArrayList<>();
            long lastRead = 0;
            try {
                int bytes = 0;
                for (InputRecord record = source.next(); record != null; record = source.next()) {
                    lastRead = record.line();
                    if (record.line() <= options.skip()) {
                        continue;
                    }
                    chunk.add(record);
                    bytes += record.size();
                    if (chunk.size() == CHUNK || bytes >= CHUNK_BYTES) {
                        inFlight.put(submit.apply(chunk));
                        chunk = new ArrayList<>();
                        bytes = 0;
                    }
                }
            } catch (IOException e) {
                // every record read before the failure is answered: the half-filled chunk goes on too
                readFailure[0] = new InputStoppedException(lastRead, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                blank[0] = source.blankLines();
                try {
                    if (!chunk.isEmpty() && !Thread.currentThread().isInterrupted()) {
                        inFlight.put(submit.apply(chunk));
                    }
                    inFlight.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** The batch's summary line, on standard error: standard output holds only the records' answers. */
    private void summary(long records, long[] verdicts, long errors, long blank, long skip) {
        err.println("aipolicy: " + records + " lines: " + verdicts[Verdict.ALLOW.ordinal()] + " ALLOW, "
                + verdicts[Verdict.ESCALATE.ordinal()] + " ESCALATE, " + verdicts[Verdict.DENY.ordinal()] + " DENY, "
                + errors + " errors, " + blank + " blank lines skipped"
                + (skip > 0 ? ", resumed after line " + skip : ""));
    }

    private static void write(OutputStream out, byte[] bytes, long lastLine) throws OutputFailedException {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new OutputFailedException(lastLine, e);
        }
    }

    private Done decide(RecordSource source, List<InputRecord> chunk, Options options, ThreadLocal<Map<Decision, byte[]>> written,
            ThreadLocal<EntryReader> readers) {
        Done done = new Done();
        OutputFormat format = options.format();
        Map<Decision, byte[]> texts = written.get();
        byte[] lineEnd = OutputFormat.utf8(format.lineEnd());
        EntryReader reader = readers.get();
        // what this worker read and decided before, by the record's text: an inventory repeats a few
        // thousand profiles, and the same text reads and decides the same (only records that were read
        // and decided are remembered: a refusal is made anew, with its own line)
        Map<Object, Map.Entry<EntryReader.Entry, Decision>> read = entries.get();
        // bytes, not characters: a decision's text (kilobytes, with its clauses) is encoded once per
        // worker and copied as bytes into each line; a decided line is the format's prefix, then the body
        ChunkBuffer text = spareBuffers.poll();
        if (text == null) {
            text = new ChunkBuffer(Math.max(chunk.size() * 256, sizes.get()[0]));
        }
        for (InputRecord record : chunk) {
            String id = record.id();
            String result;
            try {
                Object key = record.problem() != null ? null : record.json() != null ? record.json()
                        : record.bytes() != null ? new LineKey(record.bytes()) : record.row();
                Map.Entry<EntryReader.Entry, Decision> known = key == null ? null : read.get(key);
                EntryReader.Entry entry;
                Decision decision;
                if (known == null) {
                    entry = reader.read(source.ready(record));
                    id = entry.id();
                    boolean strict = options.strict() || entry.strict();
                    // the decision's texts in the asked language; English is the plain decision
                    decision = options.language() == null || options.language() == Language.EN
                            ? engine.evaluate(entry.usage(), strict)
                            : reports.evaluate(entry.usage(), strict,
                                    options.language().locale());
                    if (key != null) {
                        if (read.size() >= REMEMBERED) {
                            read.clear();
                        }
                        read.put(key, Map.entry(entry, decision));
                    }
                } else {
                    // the same text: the same usage, strictness and decision; a CSV row's id is its own
                    entry = known.getKey();
                    id = record.bytes() != null ? entry.id() : record.id();
                    decision = known.getValue();
                }
                done.verdicts[decision.verdict().ordinal()]++;
                byte[] body = texts.get(decision);
                if (body == null) {
                    if (texts.size() >= REMEMBERED) {
                        texts.clear();
                    }
                    body = OutputFormat.utf8(format.decisionBody(decision));
                    texts.put(decision, body);
                }
                text.writeBytes(OutputFormat.utf8(format.decided(record, id)));
                text.writeBytes(body);
                result = null;
            } catch (EntryReader.Unreadable e) {
                done.errors++;
                result = format.refused(record, e.id, "invalid usage", e.field, e.message(options.language()));
            } catch (InvalidUsageException e) {
                done.errors++;
                // the refusal in the decisions' language: the field as it is, the sentence French or English
                result = format.refused(record, id, "invalid usage", e.field(), options.language() == null
                        ? PlainMessages.of(e) : PlainMessages.plain(e.message(options.language())));
            } catch (RuntimeException e) {
                done.errors++;
                result = format.refused(record, id, "internal failure", null, e.toString());
            }
            if (result != null) {
                text.writeBytes(OutputFormat.utf8(result));
            }
            text.writeBytes(lineEnd);
            done.records++;
            done.lastLine = record.line();
        }
        done.text = text;
        sizes.get()[0] = text.size() + text.size() / 8; // the next chunk's buffer, without growing it
        return done;
    }

    /**
     * A JSON Lines record's bytes as a key of the records a worker remembers. Hashed eight bytes at a
     * time: the text's own hash, one byte at a time, was a fifth of the workers' time on an inventory.
     */
    private static final class LineKey {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private final byte[] bytes;
        private final int hash;

        LineKey(byte[] bytes) {
            this.bytes = bytes;
            long h = bytes.length;
            int i = 0;
            for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
                h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
            }
            for (; i < bytes.length; i++) {
                h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
            }
            this.hash = (int) (h ^ (h >>> 32));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LineKey key && key.hash == hash && Arrays.equals(key.bytes, bytes);
        }
    }

    /** A chunk's output, written whole to a channel without another copy when there is one. */
    private static final class ChunkBuffer extends ByteArrayOutputStream {
        ChunkBuffer(int size) {
            super(size);
        }

        void writeTo(OutputStream out, FileChannel channel) throws IOException {
            if (channel == null) {
                writeTo(out);
                return;
            }
            ByteBuffer bytes = ByteBuffer.wrap(buf, 0, count);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
