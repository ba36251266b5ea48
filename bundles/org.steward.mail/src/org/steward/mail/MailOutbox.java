package org.steward.mail;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * The durable outbox: a queued mail is stored before {@link #enqueue} returns, delivered by a background sender,
 * retried with exponential backoff after a transport failure, and survives a restart. Recipient, subject and body of
 * mail to a person are stored encrypted under the person's key and dropped once the mail is sent.
 */
@ProviderType
public interface MailOutbox {

    /**
     * Stores a mail for delivery.
     *
     * @throws MailRefusedException when a sending policy refuses the mail (no consent, restricted person, ...)
     * @throws org.steward.core.ValidationException when the mail is malformed (bad address, header), naming the field
     */
    MailId enqueue(OutgoingMail mail);

    /**
     * Stores a mail for delivery on behalf of an actor, who is named in the audit trail ({@link #enqueue(OutgoingMail)}
     * records Steward itself).
     *
     * @throws MailRefusedException when a sending policy refuses the mail
     * @throws org.steward.core.ValidationException when the mail is malformed, naming the field or header
     * @since 1.1
     */
    MailId enqueue(OutgoingMail mail, Actor actor);

    /** The state of a mail. */
    Optional<MailStatus> status(MailId id);

    /** Mail to a person, newest first, without content. */
    List<MailStatus> forPerson(PersonId person);

    /** Runs one delivery pass now over every due mail and returns how many were sent. */
    int deliverDue();

    /** How many mails are waiting. */
    int queued();
}
