package org.steward.identity.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One user. The TOTP secret is stored encrypted (FieldEncryption under the user's own data key). */
@Entity
@Table(name = "IDENTITY_USER")
public class UserRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "LOGIN_NAME", nullable = false, length = 64)
    String loginName;

    /** The login name in lower case: unique, for lookups regardless of case. */
    @Column(name = "LOGIN_KEY", nullable = false, unique = true, length = 64)
    String loginKey;

    @Column(name = "DISPLAY_NAME", nullable = false, length = 200)
    String displayName;

    @Column(name = "EMAIL", nullable = false, length = 254)
    String email;

    @Column(name = "LANGUAGE", nullable = false, length = 35)
    String language;

    @Column(name = "STATUS", nullable = false, length = 16)
    String status;

    @Column(name = "MUST_CHANGE_PASSWORD", nullable = false)
    boolean mustChangePassword;

    /** The first administrator, allowed to administer users before the permissions module grants roles. */
    @Column(name = "BUILT_IN_ADMIN", nullable = false)
    boolean builtInAdministrator;

    @Column(name = "PASSWORD_HASH", length = 200)
    String passwordHash;

    @Column(name = "PASSWORD_CHANGED_AT")
    Instant passwordChangedAt;

    /** Consecutive failures from every address since the last success or unlock. */
    @Column(name = "FAILED_LOGINS", nullable = false)
    int failedLogins;

    /** Set when {@code failedLogins} reached the global limit: locked for every address until unlocked. */
    @Column(name = "LOCKED_AT")
    Instant lockedAt;

    @Column(name = "TOTP_SECRET", length = 400)
    String totpSecret;

    @Column(name = "TOTP_ALGORITHM", length = 10)
    String totpAlgorithm;

    @Column(name = "TOTP_CONFIRMED", nullable = false)
    boolean totpConfirmed;

    /** The last time step whose code was accepted: a code is usable once, and never an older one. */
    @Column(name = "TOTP_LAST_STEP", nullable = false)
    long totpLastStep;

    /**
     * When the user was erased (Art. 17): the record stays as a pseudonym so that audit entries keep pointing at a
     * stable id, and it can never log in again.
     */
    @Column(name = "ERASED_AT")
    Instant erasedAt;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    Instant updatedAt;

    @Version
    @Column(name = "VERSION")
    long version;

    public UserRecord() {
    }
}
