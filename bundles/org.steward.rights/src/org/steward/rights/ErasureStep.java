package org.steward.rights;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One module's part of an erasure.
 *
 * @param deleted records the module deleted
 * @param anonymised records the module kept for statistics without personal traces
 * @param retained reasons for records kept under Art. 17(3), as the module reported them
 * @param error the last failure (an exception type and message, no personal value); empty unless FAILED
 */
public record ErasureStep(String module, StepState state, int deleted, int anonymised, List<String> retained,
        String error, Optional<Instant> finishedAt) {

    public ErasureStep {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(state, "state");
        retained = List.copyOf(retained);
        error = error == null ? "" : error;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    }
}
