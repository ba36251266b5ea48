package org.steward.encryption;

import java.time.Instant;
import java.util.Objects;

import org.steward.core.PersonId;

/**
 * One recorded erasure.
 *
 * @param person the id the erased person had
 * @param erasedAt when the erasure was recorded
 * @param requestReference the rights request that erased the person
 */
public record BlocklistEntry(PersonId person, Instant erasedAt, String requestReference) {
    public BlocklistEntry {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(erasedAt, "erasedAt");
        requestReference = requestReference == null ? "" : requestReference;
    }
}
