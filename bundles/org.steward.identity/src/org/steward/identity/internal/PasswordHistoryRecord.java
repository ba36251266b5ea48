package org.steward.identity.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A previous password's Argon2id hash, kept only while the history option is on. */
@Entity
@Table(name = "IDENTITY_PASSWORD_HISTORY")
public class PasswordHistoryRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "USER_ID", nullable = false, length = 36)
    String userId;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 200)
    String passwordHash;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    public PasswordHistoryRecord() {
    }
}
