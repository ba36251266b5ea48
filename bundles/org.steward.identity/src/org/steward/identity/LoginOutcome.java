package org.steward.identity;

/** How a login step ended. Only {@link #AUTHENTICATED} gives a full session. */
public enum LoginOutcome {
    /** Full session: {@link Authenticator#actorFor} accepts the token. */
    AUTHENTICATED,
    /** The password is right but must be changed first (one-time password, admin reset, expiry); restricted session. */
    PASSWORD_CHANGE_REQUIRED,
    /** The password is right; a TOTP or recovery code must follow ({@link Authenticator#verifySecondFactor}). */
    SECOND_FACTOR_REQUIRED,
    /** The password is right, one of the user's roles requires MFA and none is enrolled: enrol before anything else. */
    MFA_ENROLMENT_REQUIRED,
    /** Wrong login name, password or code, disabled account or address not allowed: deliberately not told apart. */
    DENIED,
    /** Too many failures from this address or for this account: try again after {@link LoginResult#retryAfter()}. */
    THROTTLED
}
