package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decisions already made, by key (the facts the rules see, {@code UsageFacts.key()}): a
 * {@link Decision} is immutable, so the same one answers every usage with the same key.
 *
 * <p>A key is admitted only on its second sighting: a stream of all-different usages (new usages
 * from a portal) never fills the cache nor evicts an inventory's repeated profiles, and costs one
 * look-up in a small array of recent keys. Bounded: when it holds more than its capacity it is
 * emptied. Only decisions are stored: a usage that failed is never remembered, and fails again.
 */
final class DecisionCache {
    private final int capacity;
    private final ConcurrentHashMap<Long, Decision> decisions;
    private final AtomicInteger size = new AtomicInteger();
    /** Recently seen keys, one slot per hash: racy by design, it only decides what is worth keeping. */
    private final long[] seen;
    private final int mask;

    DecisionCache(int capacity) {
        this.capacity = capacity;
        this.decisions = new ConcurrentHashMap<>(capacity * 2);
        int slots = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        this.seen = new long[slots];
        this.mask = slots - 1;
        java.util.Arrays.fill(seen, -1L); // keys are never negative
    }

    Decision get(long key) {
        return decisions.get(key);
    }

    void put(long key, Decision decision) {
        int slot = (int) (mix(key) & mask);
        if (seen[slot] != key) {
            seen[slot] = key; // first sighting: remember the key, not the decision
            return;
        }
        if (decisions.putIfAbsent(key, decision) == null && size.incrementAndGet() > capacity) {
            decisions.clear();
            size.set(0);
        }
    }

    int size() {
        return decisions.size();
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
