package org.steward.tickets;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.steward.core.ValidationException;

/**
 * Where a ticket stands. A closed ticket is final: a new question of the customer opens a new ticket, so that the
 * closed one can age out under the retention policy.
 */
public enum TicketStatus {
    /** Received, nobody has answered yet. */
    NEW,
    /** Being worked on. */
    OPEN,
    /** Waiting for the customer or a third party. */
    PENDING,
    /** Answered; reopened when the customer writes again. */
    SOLVED,
    /** Done for good. */
    CLOSED;

    /** The statuses this one may move to. */
    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING, SOLVED, CLOSED);
            case OPEN -> EnumSet.of(PENDING, SOLVED, CLOSED);
            case PENDING -> EnumSet.of(OPEN, SOLVED, CLOSED);
            case SOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return next().contains(target);
    }

    /** Solved and closed tickets count as resolved for the service level. */
    public boolean resolved() {
        return this == SOLVED || this == CLOSED;
    }

    public static TicketStatus parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be one of new, open, pending, solved, closed");
        }
    }
}
