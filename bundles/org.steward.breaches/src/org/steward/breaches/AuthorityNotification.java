package org.steward.breaches;

import java.time.Instant;
import java.util.Objects;

/**
 * The notification of the supervisory authority (Art. 33(1)).
 *
 * @param notifiedAt when the authority was notified
 * @param reference the authority's case reference
 * @param late whether it was more than 72 hours after awareness
 * @param delayReasons the reasons for the delay; required when late
 * @param recordedBy the user id who recorded it
 */
public record AuthorityNotification(Instant notifiedAt, String reference, boolean late, String delayReasons,
        String recordedBy) {

    public AuthorityNotification {
        Objects.requireNonNull(notifiedAt, "notifiedAt");
        Objects.requireNonNull(reference, "reference");
        delayReasons = delayReasons == null ? "" : delayReasons;
    }
}
