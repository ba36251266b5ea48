package org.steward.permissions;

import java.util.Objects;

/**
 * The answer to "may this actor do this?".
 *
 * @param result allowed, denied, or allowed only after the user proves again who they are
 * @param reason why, for the audit trail and the administrator (never a personal value): e.g. {@code owner},
 *            {@code role hierarchy}, {@code profile 'Sales' does not grant EXPORT on contacts}
 */
public record Decision(Result result, String reason) {

    /** The kinds of answer. */
    public enum Result {
        ALLOWED,
        DENIED,
        /**
         * Allowed once the user has re-authenticated recently; a client prompts for the password or second factor and
         * asks again with an actor whose {@code authenticatedAt} is fresh.
         */
        REAUTHENTICATION_REQUIRED
    }

    public Decision {
        Objects.requireNonNull(result, "result");
        reason = reason == null ? "" : reason;
    }

    public static Decision allow(String reason) {
        return new Decision(Result.ALLOWED, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(Result.DENIED, reason);
    }

    public static Decision reauthenticate(String reason) {
        return new Decision(Result.REAUTHENTICATION_REQUIRED, reason);
    }

    public boolean allowed() {
        return result == Result.ALLOWED;
    }

    public boolean reauthenticationRequired() {
        return result == Result.REAUTHENTICATION_REQUIRED;
    }
}
