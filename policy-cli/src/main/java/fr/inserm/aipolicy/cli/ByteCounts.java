package fr.inserm.aipolicy.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Counts by a key read as bytes from a buffer, without making a string per record: an open-addressing
 * table of the distinct keys (a few hundred at most: rules, clauses, tools, weeks), each copied once.
 */
final class ByteCounts {
    private byte[][] keys = new byte[64][];
    private long[] counts = new long[64];
    private int size;

    /** Counts one occurrence of the bytes {@code from} to {@code to} (excluded) of {@code buffer}. */
    void add(byte[] buffer, int from, int to) {
        add(buffer, from, to, 1);
    }

    /** Adds another table's counts to this one's (the parts of a log counted apart). */
    void addAll(ByteCounts other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != null) {
                add(other.keys[i], 0, other.keys[i].length, other.counts[i]);
            }
        }
    }

    private void add(byte[] buffer, int from, int to, long n) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + buffer[i];
        }
        int mask = keys.length - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (true) {
            byte[] key = keys[slot];
            if (key == null) {
                keys[slot] = Arrays.copyOfRange(buffer, from, to);
                counts[slot] = n;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            if (Arrays.equals(key, 0, key.length, buffer, from, to)) {
                counts[slot] += n;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Counts one occurrence of a key given as text (a value that held escapes). */
    void add(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        add(bytes, 0, bytes.length);
    }

    private void grow() {
        byte[][] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new byte[oldKeys.length * 2][];
        counts = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                add(oldKeys[i], 0, oldKeys[i].length);
                counts[find(oldKeys[i])] = oldCounts[i];
            }
        }
    }

    private int find(byte[] key) {
        int hash = 1;
        for (byte b : key) {
            hash = 31 * hash + b;
        }
        int mask = keys.length - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (!Arrays.equals(keys[slot], key)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The counts, most frequent first, then by key. */
    List<Map.Entry<String, Long>> sorted() {
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                entries.add(Map.entry(new String(keys[i], StandardCharsets.UTF_8), counts[i]));
            }
        }
        entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        return entries;
    }

    /** The counts by key, in key order (weeks). */
    List<Map.Entry<String, Long>> byKey() {
        List<Map.Entry<String, Long>> entries = sorted();
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }
}
