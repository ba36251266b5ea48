package org.steward.identity.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One session. Only the SHA-256 of its token is stored; the id is a separate random id shown in the audit. */
@Entity
@Table(name = "IDENTITY_SESSION")
public class SessionRecord {

    @Id
    @Column(name = "TOKEN_HASH", length = 64)
    String tokenHash;

    @Column(name = "SESSION_ID", nullable = false, length = 36)
    String sessionId;

    @Column(name = "USER_ID", nullable = false, length = 36)
    String userId;

    /** A {@link org.steward.identity.LoginOutcome} name: AUTHENTICATED for a full session, otherwise the next step. */
    @Column(name = "STATE", nullable = false, length = 32)
    String state;

    @Column(name = "CHANNEL", nullable = false, length = 16)
    String channel;

    @Column(name = "SOURCE_ADDRESS", length = 64)
    String sourceAddress;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "LAST_SEEN_AT", nullable = false)
    Instant lastSeenAt;

    @Column(name = "AUTHENTICATED_AT", nullable = false)
    Instant authenticatedAt;

    public SessionRecord() {
    }
}
