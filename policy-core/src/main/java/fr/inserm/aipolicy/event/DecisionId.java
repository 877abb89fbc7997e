package fr.inserm.aipolicy.event;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decision ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the time in milliseconds, so
 * that ids sort in the order decisions were made. Within a millisecond, the 12 bits after the version
 * count up (RFC 9562, method 1), so the ids one process gives are strictly increasing; the last 62
 * bits are random, so two processes do not give the same id.
 */
public final class DecisionId {
    /** The last (milliseconds &lt;&lt; 12 | counter) given: the next id is above it. */
    private static final AtomicLong LAST = new AtomicLong();

    private DecisionId() {
    }

    /**
     * A new id, greater than every id this process gave before.
     *
     * @return the id, as 36 characters such as {@code 0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b}
     */
    public static String next() {
        return nextUuid().toString();
    }

    /**
     * A new id as a {@link UUID}.
     *
     * @return the id
     */
    public static UUID nextUuid() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.accumulateAndGet(now, (last, wall) -> Math.max(last + 1, wall));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long high = (millis << 16) | 0x7000L | counter;
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /**
     * The time written in an id of version 7.
     *
     * @param id the id
     * @return the instant, to the millisecond
     * @throws IllegalArgumentException when the id is not a UUID of version 7
     */
    public static Instant timeOf(String id) {
        UUID uuid = UUID.fromString(id);
        if (uuid.version() != 7) {
            throw new IllegalArgumentException("not a decision id (a UUID of version 7): " + id);
        }
        return Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16);
    }
}
