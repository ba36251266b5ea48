package org.steward.rights;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * The journal of one erasure: one step per module, then the deletion of earlier export files, the crypto-shredding
 * of the person's key and the blocklist entry.
 *
 * @param request the erasure request the journal belongs to
 * @param identifiers how many blind indexes (e-mail, phone) were collected for the blocklist before deletion
 * @param exportsDeleted earlier export files of the person that were deleted
 * @param waitingFor modules with a pending step whose provider is not registered now
 */
public record ErasureReport(RequestId request, PersonId person, ErasureState state, List<ErasureStep> steps,
        int identifiers, int exportsDeleted, List<String> waitingFor, Instant startedAt,
        Optional<Instant> finishedAt) {

    public ErasureReport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(state, "state");
        steps = List.copyOf(steps);
        waitingFor = List.copyOf(waitingFor);
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    }

    public boolean isComplete() {
        return state == ErasureState.DONE;
    }
}
