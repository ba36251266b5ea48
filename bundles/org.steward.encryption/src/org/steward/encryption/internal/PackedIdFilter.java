package org.steward.encryption.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter over the person ids held in key packs: most lookups are for persons no pack holds (every new person
 * of an import, every person with a key file), and without it each of those would search every pack, so an import
 * would slow down with every batch it had written. About 10 bits and 1% false positives per id at capacity; a false
 * positive only costs the search it saves otherwise.
 */
final class PackedIdFilter {

    private static final int HASHES = 7;
    private static final int BITS_PER_ID = 10;

    private final AtomicLongArray words;
    private final long bits;
    private final int capacity;

    PackedIdFilter(int capacity) {
        this.capacity = Math.max(1 << 16, capacity);
        this.bits = (long) this.capacity * BITS_PER_ID;
        this.words = new AtomicLongArray((int) ((bits + 63) / 64));
    }

    int capacity() {
        return capacity;
    }

    void add(long msb, long lsb) {
        long h1 = mix(msb ^ Long.rotateLeft(lsb, 29));
        long h2 = mix(lsb + 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            int word = (int) (bit >>> 6);
            long mask = 1L << (bit & 63);
            words.getAndUpdate(word, w -> w | mask);
        }
    }

    boolean mightContain(long msb, long lsb) {
        long h1 = mix(msb ^ Long.rotateLeft(lsb, 29));
        long h2 = mix(lsb + 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            if ((words.get((int) (bit >>> 6)) & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The 64-bit finaliser of MurmurHash3: spreads ids that differ in few bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93e185a87cbL;
        return z ^ (z >>> 33);
    }
}
