package org.steward.consent;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Double opt-in for web forms. A submission finds or creates the contact (data source: web form), records a PENDING
 * consent and mails a single-use confirmation link that expires (48 hours by default). Only the SHA-256 of the token
 * is stored. Unconfirmed submissions are purged after a configured number of days, with the contact they created if
 * nothing else was recorded for it (see docs/CONSENT.md).
 */
@ProviderType
public interface DoubleOptIn {

    /**
     * Records a submission and queues the confirmation mail (purpose {@code service}, template
     * {@code consent-confirmation}). A consent already given is not asked again: the current record is returned and
     * no mail is sent.
     *
     * @throws org.steward.core.ValidationException naming the field (e-mail address, purpose, form, text version)
     * @throws org.steward.core.ProcessingRestrictedException when the person's processing is restricted
     */
    PendingConsent submit(WebFormSubmission submission);

    /**
     * Confirms with the token from the link: the consent becomes GRANTED with the confirmation time.
     *
     * @param ipAddress the address the link was opened from (stored encrypted with the proof)
     * @param userAgent the browser that opened it (stored encrypted)
     * @throws TokenRejectedException when the token is unknown, used, superseded or expired
     * @throws org.steward.core.ProcessingRestrictedException when the person's processing is restricted
     */
    ConsentRecord confirm(String token, Optional<String> ipAddress, Optional<String> userAgent);

    /**
     * Deletes unconfirmed submissions older than the configured days (and the contacts they created, when nothing else
     * was recorded for them). Runs on its own every hour; idempotent.
     *
     * @return how many submissions were purged
     */
    int purgeUnconfirmed();
}
