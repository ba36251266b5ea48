package org.steward.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A staff user of Steward. Holds no secret: the password hash, the TOTP secret and the recovery codes never leave the
 * identity module.
 *
 * @param id the stable technical id (a UUID), used in the audit trail and by other modules
 * @param loginName the login name, unique regardless of case
 * @param displayName the name shown to colleagues
 * @param email the work e-mail address
 * @param language the preferred language as a BCP 47 tag, e.g. {@code en} or {@code pl}
 * @param status whether the user may log in
 * @param mustChangePassword whether the next login ends in a restricted session that can only change the password
 * @param mfaEnrolled whether a TOTP authenticator is enrolled and confirmed
 * @param locked whether the account is locked for every address (too many consecutive failures); see
 *            {@link UserDirectory#unlock}
 * @param createdAt when the account was created
 * @param updatedAt when the account was last changed
 */
public record User(String id, String loginName, String displayName, String email, String language, UserStatus status,
        boolean mustChangePassword, boolean mfaEnrolled, boolean locked, Instant createdAt, Instant updatedAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(loginName, "loginName");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + loginName + ", " + status + "]";
    }
}
