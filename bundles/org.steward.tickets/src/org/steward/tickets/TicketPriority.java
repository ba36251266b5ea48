package org.steward.tickets;

import java.util.Locale;

import org.steward.core.ValidationException;

/** How urgent a ticket is; the service-level policy gives each priority its due times. */
public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT;

    public static TicketPriority parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be one of low, normal, high, urgent");
        }
    }
}
