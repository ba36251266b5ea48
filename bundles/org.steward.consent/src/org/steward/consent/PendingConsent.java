package org.steward.consent;

import java.time.Instant;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * What a web-form submission started. The confirmation token itself is never returned: it only travels in the mail.
 *
 * @param record the consent record created (PENDING), or the current one when consent was already given
 * @param expiresAt when the confirmation link stops working; empty when no mail was sent
 * @param mailId the outbox id of the confirmation mail; empty when no mail was sent (consent already given)
 * @param contactCreated whether the submission created the contact
 */
public record PendingConsent(ConsentRecord record, PersonId person, Optional<Instant> expiresAt,
        Optional<String> mailId, boolean contactCreated) {
}
