package org.steward.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionResult;

/**
 * One step of a purge run: one category of one module, or one module's recycle bin.
 *
 * @param module the participant's module name
 * @param category the category, or {@value RetentionResult#RECYCLE_BIN}
 * @param action what the step does (a recycle-bin step deletes)
 * @param cutoff records older than this are due
 * @param state where the step is
 * @param affected how many records were (or would be) moved, anonymised or deleted
 * @param recordIds technical ids of those records (at most the first 1,000), never a personal value
 * @param error why the step failed last, without personal values; empty otherwise
 * @param attempts how often the step was tried
 */
public record PurgeStep(String module, String category, RetentionCategory.Action action, Instant cutoff,
        StepState state, int affected, List<String> recordIds, String error, int attempts) {

    public PurgeStep {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(state, "state");
        recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
        error = error == null ? "" : error;
    }
}
