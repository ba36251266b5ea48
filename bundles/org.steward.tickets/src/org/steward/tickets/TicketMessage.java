package org.steward.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a ticket's thread.
 *
 * @param author the user id of the agent who wrote it; empty for the customer's messages
 * @param text the text, or empty when the actor may not read it
 */
public record TicketMessage(String id, TicketId ticket, MessageKind kind, Optional<String> author,
        Optional<String> text, List<Attachment> attachments, Instant createdAt) {

    public TicketMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
