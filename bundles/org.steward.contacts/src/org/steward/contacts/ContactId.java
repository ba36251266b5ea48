package org.steward.contacts;

import java.util.Objects;
import java.util.UUID;

import org.steward.core.Uuids;
import org.steward.core.ValidationException;

/** The technical id of a contact record (never a personal value). */
public record ContactId(String value) {
    public ContactId {
        Objects.requireNonNull(value, "value");
    }

    public static ContactId random() {
        return new ContactId(Uuids.timeOrdered().toString());
    }

    /** Parses an id typed on the console or sent by a client; a malformed id is a validation error naming the field. */
    public static ContactId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("contactId", "is required");
        }
        try {
            return new ContactId(UUID.fromString(text.trim()).toString());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("contactId", "is not a valid contact id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
