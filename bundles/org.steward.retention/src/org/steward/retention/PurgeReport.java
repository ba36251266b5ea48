package org.steward.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One purge run and its steps, as journaled.
 *
 * @param runId the run's id
 * @param dryRun whether nothing was changed
 * @param trigger {@code scheduled}, {@code console} or {@code api}
 * @param actorId the user id of whoever started it ({@code system} for the daily run)
 * @param referenceTime the time every cutoff of the run is computed from; a completed run keeps it
 * @param startedAt when the run started
 * @param finishedAt when its last step was done
 * @param state where the run is
 * @param steps its steps in the order they are carried out
 * @param resumedRuns ids of earlier interrupted runs this call completed first (only in the answer of
 *            {@link RetentionService#purge})
 */
public record PurgeReport(String runId, boolean dryRun, String trigger, String actorId, Instant referenceTime,
        Instant startedAt, Optional<Instant> finishedAt, RunState state, List<PurgeStep> steps,
        List<String> resumedRuns) {

    public PurgeReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(state, "state");
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        steps = List.copyOf(steps);
        resumedRuns = resumedRuns == null ? List.of() : List.copyOf(resumedRuns);
    }

    /** Records moved, anonymised or deleted (or that would be, in a dry run) over every step. */
    public int totalAffected() {
        return steps.stream().mapToInt(PurgeStep::affected).sum();
    }

    /** The step of a module and category, if the run has one. */
    public Optional<PurgeStep> step(String module, String category) {
        return steps.stream().filter(s -> s.module().equals(module) && s.category().equals(category)).findFirst();
    }
}
