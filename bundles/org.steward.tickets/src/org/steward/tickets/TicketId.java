package org.steward.tickets;

import java.util.Objects;
import java.util.UUID;

import org.steward.core.ValidationException;

/** The technical id of a ticket (never a personal value). */
public record TicketId(String value) {

    public TicketId {
        Objects.requireNonNull(value, "value");
    }

    public static TicketId random() {
        return new TicketId(UUID.randomUUID().toString());
    }

    /** Parses an id typed on the console or sent by a client; a malformed id is a validation error naming the field. */
    public static TicketId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("ticketId", "is required");
        }
        try {
            return new TicketId(UUID.fromString(text.trim()).toString());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("ticketId", "is not a valid ticket id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
