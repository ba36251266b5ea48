package org.steward.consent;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Asking an existing contact for consent by e-mail: a personal link with a single-use token (valid 30 days by
 * default); opening it and agreeing records the consent, with the link's use as confirmation of the address.
 */
@ProviderType
public interface ConsentRequests {

    /**
     * Mails a consent request (template {@code consent-request}, purpose {@code service}).
     *
     * @return the outbox id of the mail
     * @throws org.steward.core.ValidationException when the purpose is unknown, needs no consent, or the contact has
     *             no e-mail address
     * @throws org.steward.core.ProcessingRestrictedException when the person's processing is restricted
     */
    String request(PersonId person, String purpose, Actor actor);

    /** Records the consent the person gave through the personal link. */
    ConsentRecord accept(String token, Optional<String> ipAddress, Optional<String> userAgent);
}
