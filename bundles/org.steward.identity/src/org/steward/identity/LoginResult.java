package org.steward.identity;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a login step.
 *
 * @param outcome how the step ended
 * @param token the new session token (32 random bytes, Base64url) for every outcome except {@link LoginOutcome#DENIED}
 *            and {@link LoginOutcome#THROTTLED}; a restricted session's token only works for the step it names. Keep it
 *            secret: Steward stores only its SHA-256.
 * @param userId the user, when the password was right
 * @param retryAfter how long to wait when {@link LoginOutcome#THROTTLED}
 */
public record LoginResult(LoginOutcome outcome, Optional<String> token, Optional<String> userId,
        Optional<Duration> retryAfter) {

    public LoginResult {
        Objects.requireNonNull(outcome, "outcome");
        token = token == null ? Optional.empty() : token;
        userId = userId == null ? Optional.empty() : userId;
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    public boolean authenticated() {
        return outcome == LoginOutcome.AUTHENTICATED;
    }

    /** The token; fails when the step gave none. */
    public String requireToken() {
        return token.orElseThrow(() -> new IllegalStateException("no session token: " + outcome));
    }

    @Override
    public String toString() {
        return "LoginResult[" + outcome + (token.isPresent() ? ", token present" : "") + retryAfter.map(r -> ", retry after "
                + r).orElse("") + "]";
    }
}
