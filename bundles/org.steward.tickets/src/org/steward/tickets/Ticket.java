package org.steward.tickets;

import java.time.Instant;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * A ticket as the acting principal may see it. The breach flags are worked out against the service's clock when the
 * ticket is read: a due time passed without the response (or resolution), or the response came after it.
 *
 * @param subject the subject, or empty when the actor may not read it or the ticket was anonymised
 * @param requester the requester's person id; empty once the ticket was anonymised
 * @param restricted whether the requester's processing is restricted (Art. 18): no replies or changes
 * @param anonymised whether every personal trace was removed (the row is kept for statistics)
 */
public record Ticket(TicketId id, Optional<String> subject, TicketStatus status, TicketPriority priority,
        TicketChannel channel, Optional<String> assignee, Optional<String> team, Optional<PersonId> requester,
        Instant createdAt, Instant updatedAt, Optional<Instant> firstResponseAt, Optional<Instant> resolvedAt,
        Optional<Instant> closedAt, Instant firstResponseDue, Instant resolutionDue, boolean firstResponseBreached,
        boolean resolutionBreached, boolean restricted, boolean anonymised) {
}
