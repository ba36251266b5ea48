package org.steward.tickets;

import java.util.List;

/** A ticket with its messages, oldest first. */
public record TicketThread(Ticket ticket, List<TicketMessage> messages) {

    public TicketThread {
        messages = List.copyOf(messages);
    }
}
