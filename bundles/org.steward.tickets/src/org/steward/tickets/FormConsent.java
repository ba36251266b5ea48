package org.steward.tickets;

import org.steward.core.ValidationException;

/**
 * A ticked consent checkbox of a ticket form, recorded through the consent service with the form as proof.
 *
 * @param purpose the consent purpose ({@code newsletter}, ...), as the consent module names it
 * @param textVersion the version of the purpose's consent text the form showed
 */
public record FormConsent(String purpose, int textVersion) {

    public FormConsent {
        if (purpose == null || purpose.isBlank()) {
            throw new ValidationException("consents.purpose", "is required");
        }
        purpose = purpose.strip();
        if (textVersion < 1) {
            throw new ValidationException("consents.textVersion", "must be 1 or more");
        }
    }
}
