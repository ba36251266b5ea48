package org.steward.core;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for new records. Time-ordered UUIDs (version 7, RFC 9562: 48 bits of Unix milliseconds, then 74 random
 * bits) keep a B-tree index on the id appending near its end instead of splitting pages all over it, which made every
 * index on a random id the costliest part of a bulk import. They reveal the millisecond the record was created, which
 * the record stores anyway.
 */
public final class Uuids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {
    }

    /** A new version-7 UUID. */
    public static UUID timeOrdered() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long low = 0x8000000000000000L | ((random[2] & 0x3fL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xffL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
