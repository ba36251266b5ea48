package org.steward.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * The state of one mail, without its content.
 *
 * @param attempts delivery attempts so far
 * @param nextAttempt when the next attempt is due (queued mail only)
 * @param lastError the reason of the last failed attempt or of the cancellation, without personal values
 */
public record MailStatus(MailId id, MailState state, String template, String purpose, int attempts,
        Instant queuedAt, Optional<Instant> nextAttempt, Optional<Instant> sentAt, Optional<String> lastError) {
}
