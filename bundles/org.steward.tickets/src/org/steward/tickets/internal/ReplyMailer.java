package org.steward.tickets.internal;

import java.util.Locale;

import org.steward.core.PersonId;

/**
 * Sends an agent's answer to the requester. Provided by {@link MailReplySender} only while the mail module runs: the
 * tickets module imports the mail API optionally and keeps every use of it behind this interface.
 */
public interface ReplyMailer {

    /**
     * Queues the answer; returns a technical mail id.
     *
     * @throws org.steward.core.StewardException when the outbox refuses it (no address, restricted person, ...)
     */
    String send(PersonId person, String address, Locale language, String ticketId, String subject, String message);
}
