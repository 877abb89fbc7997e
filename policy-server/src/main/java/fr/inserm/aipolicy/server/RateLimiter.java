package fr.inserm.aipolicy.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A per-client token bucket: each client may make a burst of {@code perMinute} requests, and earns
 * them back at {@code perMinute} a minute. Thread-safe; the table of clients is bounded.
 */
final class RateLimiter {
    /** Beyond this many clients, idle (full) buckets are dropped; if that is not enough, all are. */
    static final int MAX_CLIENTS = 10_000;
    private static final double NANOS_PER_MINUTE = 60e9;

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Creates a limiter.
     *
     * @param perMinute requests allowed per client and minute; 0 or less disables the limit
     * @param clock a monotonic clock in nanoseconds, such as {@link System#nanoTime()}
     */
    RateLimiter(int perMinute, LongSupplier clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /**
     * Takes one request from the client's allowance.
     *
     * @param client the client's key, for example its IP address
     * @return true when the request may proceed, false when the client must wait
     */
    boolean tryAcquire(String client) {
        if (perMinute <= 0) {
            return true;
        }
        long now = clock.getAsLong();
        if (buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client)) {
            prune(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            bucket.refill(now, perMinute);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /**
     * Seconds until the client has one request again, rounded up; for the Retry-After header.
     *
     * @return at least 1
     */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(60.0 / Math.max(1, perMinute)));
    }

    /** How many clients are tracked; for tests. */
    int trackedClients() {
        return buckets.size();
    }

    private void prune(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, perMinute);
                return e.getValue().tokens >= perMinute;
            }
        });
        if (buckets.size() >= MAX_CLIENTS) {
            buckets.clear();
        }
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        void refill(long now, int perMinute) {
            long elapsed = now - last;
            if (elapsed > 0) {
                tokens = Math.min(perMinute, tokens + elapsed * perMinute / NANOS_PER_MINUTE);
                last = now;
            }
        }
    }
}
