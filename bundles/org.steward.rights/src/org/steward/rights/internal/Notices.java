package org.steward.rights.internal;

import java.util.Optional;

import org.steward.core.PersonId;

/**
 * Sends a notice about a request to the person (the extension of Art. 12(3)). Registered by {@link MailNotices} when
 * the mail and contacts modules are there; without it, the register records the notice as to be given by hand.
 */
public interface Notices {

    /**
     * @return a reference to the queued message ({@code mail:<id>}), or empty when the person has no address
     */
    Optional<String> send(PersonId person, String subject, String text);
}
