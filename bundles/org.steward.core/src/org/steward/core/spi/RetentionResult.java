package org.steward.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a retention step did, or would do in a dry run.
 *
 * @param module the module
 * @param category the category, or {@code recycle-bin} for a purge of the recycle bin
 * @param affected how many records were (or would be) moved, anonymised or deleted
 * @param recordIds the technical ids of those records (never a personal value), at most the first 1,000
 * @param dryRun whether nothing was changed
 */
public record RetentionResult(String module, String category, int affected, List<String> recordIds, boolean dryRun) {

    /** The category name of a recycle-bin purge. */
    public static final String RECYCLE_BIN = "recycle-bin";

    public RetentionResult {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(category, "category");
        recordIds = List.copyOf(recordIds);
        if (affected < 0) {
            throw new IllegalArgumentException("affected cannot be negative");
        }
    }
}
