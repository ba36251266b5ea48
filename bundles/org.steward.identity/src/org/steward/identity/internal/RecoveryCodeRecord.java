package org.steward.identity.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One recovery code, as the SHA-256 of the code (80 random bits); deleted when used. */
@Entity
@Table(name = "IDENTITY_RECOVERY_CODE")
public class RecoveryCodeRecord {

    /** Hex SHA-256 of the user id and the normalised code. */
    @Id
    @Column(name = "CODE_HASH", length = 64)
    String codeHash;

    @Column(name = "USER_ID", nullable = false, length = 36)
    String userId;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    public RecoveryCodeRecord() {
    }
}
