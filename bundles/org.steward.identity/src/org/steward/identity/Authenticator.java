package org.steward.identity;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.Channel;

/**
 * Login, second factor, sessions. Every attempt, successful or not, is audited without the password, code or token.
 * Failures are counted per account and per source address: a source that keeps failing waits longer and longer
 * (doubling), an account is locked for the addresses that failed on it, and only after the configured number of
 * consecutive failures from all addresses together is it locked for everyone (until an administrator unlocks it).
 */
@ProviderType
public interface Authenticator {

    /**
     * The first step of a login. A new session token is issued at every login.
     *
     * @param loginName the login name, regardless of case
     * @param password the password as typed; normalised to NFC before it is checked
     * @param channel where the login comes from
     * @param sourceAddress the remote address (IPv4 or IPv6); {@code null} or empty for local logins
     */
    LoginResult login(String loginName, String password, Channel channel, String sourceAddress);

    /**
     * The second step for a session in {@link LoginOutcome#SECOND_FACTOR_REQUIRED}: a 6-digit TOTP code (each usable
     * once) or one of the recovery codes (each usable once). A failure counts like a wrong password.
     */
    LoginResult verifySecondFactor(String token, String code, String sourceAddress);

    /**
     * Changes the password of the session's user: needs the current one, and the new one must satisfy the policy
     * (refused with a {@link org.steward.core.ValidationException} naming the field {@code password}). Works in a full
     * session and in a {@link LoginOutcome#PASSWORD_CHANGE_REQUIRED} session; ends the user's other sessions and
     * returns this session's next step with a new token.
     */
    LoginResult changePassword(String token, String currentPassword, String newPassword, String sourceAddress);

    /**
     * Starts enrolling a TOTP authenticator for the session's user (a full session, or one in
     * {@link LoginOutcome#MFA_ENROLMENT_REQUIRED}). Replaces an enrolment not yet confirmed.
     */
    TotpEnrolment beginTotpEnrolment(String token, String sourceAddress);

    /**
     * Confirms the enrolment with a first valid code and creates 10 recovery codes.
     *
     * @throws org.steward.core.ValidationException when the code is wrong (field {@code code})
     */
    MfaEnrolled confirmTotp(String token, String code, String sourceAddress);

    /**
     * The acting principal of a full session: validates the token, the idle and absolute timeouts and the IP rules,
     * refreshes the idle time, and sets {@link Actor#authenticatedAt()} to the last password or second-factor check.
     *
     * @throws org.steward.core.AccessDeniedException when the token is unknown, expired, ended, restricted, or used from
     *             an address the IP rules do not allow
     */
    Actor actorFor(String token, Channel channel, String sourceAddress);

    /**
     * Re-authentication within a full session (before revealing or exporting sensitive data): checks the password
     * again and moves {@link Actor#authenticatedAt()} to now. A wrong password counts as a failed login.
     *
     * @throws org.steward.core.AccessDeniedException when the password is wrong or the session is not valid
     */
    Actor reauthenticate(String token, String password, Channel channel, String sourceAddress);

    /** Ends the session; unknown tokens are ignored. */
    void logout(String token);
}
