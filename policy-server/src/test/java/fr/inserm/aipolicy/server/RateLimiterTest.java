package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client token bucket, on a clock the test moves by hand. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstThenRefusesUntilTimePasses() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        RateLimiter limiter = new RateLimiter(6, now::get);
        for (int i = 0; i < 6; i++) {
            assertTrue(limiter.tryAcquire("a"), "request " + i);
        }
        assertFalse(limiter.tryAcquire("a"));
        now.addAndGet(9 * SECOND); // 6 a minute: one every 10 s
        assertFalse(limiter.tryAcquire("a"));
        now.addAndGet(SECOND);
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        now.addAndGet(3600 * SECOND); // never more than the burst
        for (int i = 0; i < 6; i++) {
            assertTrue(limiter.tryAcquire("a"), "request " + i);
        }
        assertFalse(limiter.tryAcquire("a"));
    }

    @Test
    void countsEachClientApart() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(1, now::get);
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"));
        assertEquals(60, limiter.retryAfterSeconds());
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter limiter = new RateLimiter(0, () -> 0L);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.tryAcquire("a"));
        }
        assertEquals(0, limiter.trackedClients());
    }

    @Test
    void keepsTheTableOfClientsBounded() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(2, now::get);
        for (int i = 0; i < RateLimiter.MAX_CLIENTS * 2; i++) {
            assertTrue(limiter.tryAcquire("client-" + i));
        }
        assertTrue(limiter.trackedClients() <= RateLimiter.MAX_CLIENTS, "tracked " + limiter.trackedClients());
    }
}
