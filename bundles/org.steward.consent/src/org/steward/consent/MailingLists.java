package org.steward.consent;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.mail.RenderedMail;

/**
 * Mailing lists: subscription with proof, unsubscription, one-click unsubscribe links (RFC 8058) and list mail through
 * the outbox with {@code List-Unsubscribe} and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} headers.
 */
@ProviderType
public interface MailingLists {

    /** The lists, by name. */
    List<MailingList> lists();

    /** Defines a list for a purpose (needs {@code ADMINISTER} on {@code consent}). */
    MailingList define(String name, String purpose, String description, Actor actor);

    /**
     * Subscribes a person.
     *
     * @throws org.steward.core.ConflictException when the person has no current consent to the list's purpose
     * @throws org.steward.core.ProcessingRestrictedException when the person's processing is restricted
     */
    void subscribe(PersonId person, String list, Actor actor);

    /**
     * Ends a subscription (idempotent). When no other list of the same purpose remains subscribed, the consent to the
     * purpose is withdrawn too: the person said they no longer want this kind of mail.
     */
    void unsubscribe(PersonId person, String list, Actor actor);

    /** Whether the person is subscribed now. */
    boolean isSubscribed(PersonId person, String list, Actor actor);

    /** The people subscribed now. */
    List<PersonId> subscribers(String list, Actor actor);

    /**
     * The one-click unsubscribe behind the {@code List-Unsubscribe} link (an HTTP POST with
     * {@code List-Unsubscribe=One-Click}, or the mailto reply). Idempotent: a second use succeeds too.
     *
     * @return the list the person left
     * @throws TokenRejectedException when the token is unknown or expired
     */
    String unsubscribe(String token);

    /**
     * Queues list mail to one subscriber with the unsubscribe headers and a personal unsubscribe link.
     *
     * @return the outbox id
     * @throws org.steward.core.ConflictException when the person is not subscribed
     */
    String send(String list, PersonId person, RenderedMail content, Actor actor);

    /**
     * Queues list mail to every subscriber whom the sending policy allows; the others are skipped.
     *
     * @return the outbox ids of the queued mails
     */
    List<String> sendToAll(String list, RenderedMail content, Actor actor);
}
