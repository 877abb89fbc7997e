package fr.inserm.aipolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.InvalidUsageException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyJson;
import fr.inserm.aipolicy.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code evaluate --batch}: decides JSON Lines, one output line per input line, in input order; a
 * line that cannot be read gives an error object naming its line, and the batch goes on.
 *
 * <p>A bounded pipeline: a reader thread cuts the input into chunks of {@link #CHUNK} lines and hands
 * each to a pool of worker threads (one per core), which parse, decide and encode each chunk's lines
 * to UTF-8; the calling thread writes the chunks' bytes in input order. At most {@code 2 × workers + 2}
 * chunks are in flight, so memory does not grow with the input. A worker remembers the JSON text of
 * the decisions it wrote last (the engine answers equal usages with the same decision object), so a
 * repeated profile is written once per worker.
 */
final class BatchRunner {
    /** Lines per chunk. */
    static final int CHUNK = 512;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int REMEMBERED = 4_096;

    private final PolicyEngine engine;
    private final PrintStream err;
    private final int workers;

    BatchRunner(PolicyEngine engine, PrintStream err) {
        this(engine, err, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    BatchRunner(PolicyEngine engine, PrintStream err, int workers) {
        this.engine = engine;
        this.err = err;
        this.workers = workers;
    }

    /** A chunk's output and counts. */
    private static final class Done {
        final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream(CHUNK * 1024);
        final long[] verdicts = new long[Verdict.values().length];
        long errors;
        int lines;
    }

    /** The end of the input, or the reader's failure, in the queue of chunks. */
    private static final Future<Done> END = CompletableFuture.completedFuture(null);

    /**
     * Decides every line of the input.
     *
     * @return {@link AipolicyCli#OK}, or {@link AipolicyCli#BAD_INPUT} when any line was bad
     * @throws IOException when the input cannot be read or the output written
     */
    int run(Reader reader, OutputStream out) throws IOException {
        BlockingQueue<Future<Done>> inFlight = new ArrayBlockingQueue<>(2 * workers + 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "aipolicy-batch-worker");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<Map<Decision, byte[]>> written = ThreadLocal.withInitial(IdentityHashMap::new);
        IOException[] readFailure = new IOException[1];
        Thread readerThread = new Thread(() -> {
            BufferedReader lines = new BufferedReader(reader, 1 << 16);
            long line = 0;
            try {
                List<String> chunk = new ArrayList<>(CHUNK);
                for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                    chunk.add(text);
                    if (chunk.size() == CHUNK) {
                        List<String> full = chunk;
                        long first = line + 1;
                        inFlight.put(pool.submit(() -> decide(full, first, written)));
                        line += CHUNK;
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                if (!chunk.isEmpty()) {
                    List<String> last = chunk;
                    long first = line + 1;
                    inFlight.put(pool.submit(() -> decide(last, first, written)));
                }
            } catch (IOException e) {
                readFailure[0] = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    inFlight.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "aipolicy-batch-reader");
        readerThread.setDaemon(true);
        readerThread.start();

        long[] verdicts = new long[Verdict.values().length];
        long errors = 0;
        long lines = 0;
        OutputStream output = new java.io.BufferedOutputStream(out, 1 << 16);
        try {
            for (Future<Done> next = inFlight.take(); next != END; next = inFlight.take()) {
                Done done = next.get();
                done.text.writeTo(output);
                lines += done.lines;
                errors += done.errors;
                for (int i = 0; i < verdicts.length; i++) {
                    verdicts[i] += done.verdicts[i];
                }
            }
            output.flush();
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
        if (readFailure[0] != null) {
            throw readFailure[0];
        }
        err.println("aipolicy: " + lines + " lines: " + verdicts[Verdict.ALLOW.ordinal()] + " ALLOW, "
                + verdicts[Verdict.ESCALATE.ordinal()] + " ESCALATE, " + verdicts[Verdict.DENY.ordinal()] + " DENY, "
                + errors + " errors");
        return errors == 0 ? AipolicyCli.OK : AipolicyCli.BAD_INPUT;
    }

    private Done decide(List<String> chunk, long firstLine, ThreadLocal<Map<Decision, byte[]>> written) {
        Done done = new Done();
        Map<Decision, byte[]> texts = written.get();
        long line = firstLine;
        for (String text : chunk) {
            byte[] result;
            try {
                Decision decision = engine.evaluate(PolicyJson.readUsage(text));
                done.verdicts[decision.verdict().ordinal()]++;
                result = texts.get(decision);
                if (result == null) {
                    if (texts.size() >= REMEMBERED) {
                        texts.clear();
                    }
                    result = PolicyJson.write(decision).getBytes(StandardCharsets.UTF_8);
                    texts.put(decision, result);
                }
            } catch (InvalidUsageException e) {
                done.errors++;
                result = errorLine(line, "invalid usage", e.field(), e.getMessage()).getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                done.errors++;
                result = errorLine(line, "internal failure", null, e.toString()).getBytes(StandardCharsets.UTF_8);
            }
            done.text.write(result, 0, result.length);
            done.text.write('\n');
            done.lines++;
            line++;
        }
        return done;
    }

    static String errorLine(long line, String error, String field, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("line", line);
        node.put("error", error);
        if (field != null) {
            node.put("field", field);
        }
        node.put("message", message);
        return node.toString();
    }
}
