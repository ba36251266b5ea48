package org.steward.core;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one data subject across every module. Modules reference people only by this id, never by a relation to
 * another module's tables, so that one rights request can reach all of them.
 */
public record PersonId(UUID value) {

    public PersonId {
        Objects.requireNonNull(value, "value");
    }

    /** A new person id: random, time-ordered ({@link Uuids#timeOrdered()}). */
    public static PersonId random() {
        return new PersonId(Uuids.timeOrdered());
    }

    /** Parses the canonical text form; a malformed id is a validation error naming the field. */
    public static PersonId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("personId", "is required");
        }
        try {
            return new PersonId(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("personId", "is not a valid person id");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
