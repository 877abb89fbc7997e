package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The decisions already made, by key (the facts the rules see, {@code UsageFacts.key()}): a
 * {@link Decision} is immutable, so the same one answers every usage with the same key.
 *
 * <p>A key is admitted only on its second sighting: a stream of all-different usages (new usages
 * from a portal) never fills the cache nor evicts an inventory's repeated profiles, and costs one
 * look-up in a small array of recent keys. Bounded: when it holds its capacity it is emptied. Only
 * decisions are stored: a usage that failed is never remembered, and fails again.
 *
 * <p>An open-addressing table of immutable entries indexed by the key itself, at most half full: a
 * look-up allocates nothing (a map keyed by {@code Long} would box every key it is asked for).
 */
final class DecisionCache {
    private record Entry(long key, Decision decision) {
    }

    /** One table and how many entries it holds: emptying the cache replaces both at once. */
    private static final class Table {
        final AtomicReferenceArray<Entry> entries;
        final AtomicInteger size = new AtomicInteger();

        Table(int slots) {
            entries = new AtomicReferenceArray<>(slots);
        }
    }

    private final int capacity;
    private final int slots;
    private volatile Table table;
    /** Recently seen keys, one slot per hash: racy by design, it only decides what is worth keeping. */
    private final long[] seen;

    DecisionCache(int capacity) {
        this.capacity = capacity;
        // a power of two at least twice the capacity: a full table is at most half full, so a look-up of a
        // missing key ends at a free slot within a few probes (a table filled to its last slot probes them all)
        this.slots = Integer.highestOneBit(Math.max(8, capacity - 1)) << 2;
        this.table = new Table(slots);
        this.seen = new long[slots];
        Arrays.fill(seen, -1L); // keys are never negative
    }

    Decision get(long key) {
        AtomicReferenceArray<Entry> entries = table.entries;
        int mask = slots - 1;
        for (int i = index(key), probes = 0; probes < slots; probes++, i = (i + 1) & mask) {
            Entry entry = entries.get(i);
            if (entry == null) {
                return null;
            }
            if (entry.key == key) {
                return entry.decision;
            }
        }
        return null;
    }

    void put(long key, Decision decision) {
        int slot = index(key);
        if (seen[slot] != key) {
            seen[slot] = key; // first sighting: remember the key, not the decision
            return;
        }
        Table current = table;
        if (current.size.incrementAndGet() > capacity) {
            table = new Table(slots); // full: start again rather than track ages
            return;
        }
        // at most capacity entries per table, half its slots: a free slot is always found
        Entry added = new Entry(key, decision);
        int mask = slots - 1;
        for (int i = slot, probes = 0; probes < slots; probes++, i = (i + 1) & mask) {
            Entry entry = current.entries.get(i);
            if (entry == null) {
                if (current.entries.compareAndSet(i, null, added)) {
                    return;
                }
                entry = current.entries.get(i); // another thread took the slot meanwhile
            }
            if (entry.key == key) {
                current.size.decrementAndGet(); // already kept: it takes no more room
                return;
            }
        }
    }

    /** The table's slots: at least twice the capacity. */
    int slots() {
        return slots;
    }

    int size() {
        AtomicReferenceArray<Entry> entries = table.entries;
        int count = 0;
        for (int i = 0; i < slots; i++) {
            count += entries.get(i) == null ? 0 : 1;
        }
        return count;
    }

    private int index(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & (slots - 1);
    }
}
