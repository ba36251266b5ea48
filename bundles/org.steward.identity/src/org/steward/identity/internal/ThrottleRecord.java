package org.steward.identity.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Failure counter of one source address ({@code source:<address>}) or of one account at one source address
 * ({@code account:<userId>@<address>}), shared by every server on the database.
 */
@Entity
@Table(name = "IDENTITY_THROTTLE")
public class ThrottleRecord {

    @Id
    @Column(name = "THROTTLE_KEY", length = 120)
    String key;

    @Column(name = "USER_ID", length = 36)
    String userId;

    @Column(name = "FAILURES", nullable = false)
    int failures;

    @Column(name = "LAST_FAILURE_AT", nullable = false)
    Instant lastFailureAt;

    @Column(name = "BLOCKED_UNTIL")
    Instant blockedUntil;

    public ThrottleRecord() {
    }
}
