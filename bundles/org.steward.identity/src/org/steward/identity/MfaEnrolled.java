package org.steward.identity;

import java.util.List;

/**
 * A confirmed TOTP enrolment.
 *
 * @param session the session after the enrolment (a restricted enrolment session becomes full, with a new token)
 * @param recoveryCodes single-use codes for when the authenticator is lost; shown once, stored only as hashes
 */
public record MfaEnrolled(LoginResult session, List<String> recoveryCodes) {

    public MfaEnrolled {
        recoveryCodes = List.copyOf(recoveryCodes);
    }

    @Override
    public String toString() {
        return "MfaEnrolled[" + session + ", " + recoveryCodes.size() + " recovery codes]";
    }
}
