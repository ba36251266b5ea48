package org.steward.rights;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * A reason to keep a person's data despite an erasure request (Art. 17(3): a legal obligation, the establishment,
 * exercise or defence of legal claims, ...). While a hold is active, erasure of the person is refused.
 *
 * @param reason why the data must be kept, as recorded by the privacy officer
 * @param releasedAt when the hold was lifted; empty while it is active
 */
public record LegalHold(String id, PersonId person, String reason, String placedBy, Instant placedAt,
        Optional<Instant> releasedAt, String releasedBy) {

    public LegalHold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(placedAt, "placedAt");
        reason = reason == null ? "" : reason;
        placedBy = placedBy == null ? "" : placedBy;
        releasedAt = releasedAt == null ? Optional.empty() : releasedAt;
        releasedBy = releasedBy == null ? "" : releasedBy;
    }

    public boolean isActive() {
        return releasedAt.isEmpty();
    }
}
