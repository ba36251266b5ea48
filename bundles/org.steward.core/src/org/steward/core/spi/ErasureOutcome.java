package org.steward.core.spi;

import java.util.List;

/**
 * What a module did for an erasure request.
 *
 * @param deleted records deleted
 * @param anonymised records kept for statistics with every personal trace removed
 * @param retained reasons for records kept under Art. 17(3) (a legal obligation, a legal claim), without personal
 *            values; empty when nothing was kept
 */
public record ErasureOutcome(int deleted, int anonymised, List<String> retained) {

    public ErasureOutcome {
        if (deleted < 0 || anonymised < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        retained = List.copyOf(retained);
    }

    public static ErasureOutcome nothingHeld() {
        return new ErasureOutcome(0, 0, List.of());
    }
}
