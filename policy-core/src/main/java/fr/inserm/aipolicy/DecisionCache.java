package fr.inserm.aipolicy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decisions already made, by {@link UsageKey}: a {@link Decision} is immutable, so the same
 * one answers every usage with the same key. Bounded: when it holds more than its capacity it is
 * emptied (a repeated inventory of a few thousand profiles stays in; a stream of all-different
 * usages costs one lookup each and never grows the memory). Only decisions are stored: a usage that
 * failed is never remembered, and fails again.
 */
final class DecisionCache {
    private final int capacity;
    private final ConcurrentHashMap<Long, Decision> decisions;
    private final AtomicInteger size = new AtomicInteger();

    DecisionCache(int capacity) {
        this.capacity = capacity;
        this.decisions = new ConcurrentHashMap<>(capacity * 2);
    }

    Decision get(long key) {
        return decisions.get(key);
    }

    void put(long key, Decision decision) {
        if (decisions.putIfAbsent(key, decision) == null && size.incrementAndGet() > capacity) {
            decisions.clear();
            size.set(0);
        }
    }

    int size() {
        return decisions.size();
    }
}
