package fr.inserm.aipolicy.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the client is slow: it reads what has come,
 * then asks Jetty to call again when more comes. A body over the limit is read on to its end and
 * dropped, up to {@code drainLimit} bytes, so that a client still sending reliably gets the 413.
 */
final class BodyReader implements Runnable {
    /** What becomes of the body: exactly one of these is called, once. */
    interface Outcome {
        /** The whole body, within the limit. */
        void body(byte[] bytes);

        /** The body was over the limit; what came of it was dropped. */
        void tooLarge();

        /** The body could not be read: malformed, cut short or timed out. */
        void failed(Throwable failure);
    }

    private final Request request;
    private final int max;
    private final long drainLimit;
    private final Outcome outcome;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long total;

    BodyReader(Request request, int max, long drainLimit, Outcome outcome) {
        this.request = request;
        this.max = max;
        this.drainLimit = drainLimit;
        this.outcome = outcome;
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk;
            try {
                chunk = request.read();
            } catch (RuntimeException e) {
                outcome.failed(e);
                return;
            }
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                outcome.failed(chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            total += n;
            if (total <= max) {
                byte[] copy = new byte[n];
                buffer.get(copy);
                bytes.write(copy, 0, n);
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (total > drainLimit) {
                outcome.tooLarge();
                return;
            }
            if (last) {
                if (total > max) {
                    outcome.tooLarge();
                } else {
                    outcome.body(bytes.toByteArray());
                }
                return;
            }
        }
    }
}
