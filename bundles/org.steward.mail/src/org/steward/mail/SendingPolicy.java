package org.steward.mail;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.steward.core.PersonId;

/**
 * Decides whether a person may be sent mail for a purpose (whiteboard). The outbox asks every registered policy when
 * a mail is queued and again right before each delivery attempt. Mail for a purpose other than
 * {@link OutgoingMail#SERVICE} is refused while no policy is registered: without the consent module nothing
 * proves that the person agreed.
 */
@ConsumerType
public interface SendingPolicy {

    /**
     * @return empty to allow, or the reason of the refusal (no personal value)
     */
    Optional<String> refusal(PersonId person, String purpose);
}
