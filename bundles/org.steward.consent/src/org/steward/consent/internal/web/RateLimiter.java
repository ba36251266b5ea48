package org.steward.consent.internal.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per client address and minute (a fixed window). Links carry 256-bit tokens, so guessing is hopeless anyway;
 * the limit keeps one client from hammering the database and the audit log.
 */
final class RateLimiter {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_TRACKED = 10_000;

    private final int perMinute;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts a request; false when the address used up its requests of this minute. */
    boolean allow(String address) {
        if (perMinute <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> now - w[0] >= WINDOW_NANOS);
        }
        long[] w = windows.compute(address, (k, old) -> {
            if (old == null || now - old[0] >= WINDOW_NANOS) {
                return new long[] { now, 1 };
            }
            old[1]++;
            return old;
        });
        return w[1] <= perMinute;
    }
}
