package org.steward.breaches;

import java.util.Objects;
import java.util.UUID;

import org.steward.core.ValidationException;

/** The technical id of a breach in the register. */
public record BreachId(String value) {

    public BreachId {
        Objects.requireNonNull(value, "value");
    }

    public static BreachId random() {
        return new BreachId(UUID.randomUUID().toString());
    }

    /** Parses an id typed on the console; a malformed id is a validation error naming the field. */
    public static BreachId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("breachId", "is required");
        }
        try {
            return new BreachId(UUID.fromString(text.trim()).toString());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("breachId", "is not a valid breach id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
