package org.steward.rights;

import java.util.Objects;
import java.util.UUID;

import org.steward.core.ValidationException;

/** The technical id of a rights request (never a personal value); also the reference in the erasure blocklist. */
public record RequestId(String value) {

    public RequestId {
        Objects.requireNonNull(value, "value");
    }

    public static RequestId random() {
        return new RequestId(UUID.randomUUID().toString());
    }

    /** Parses an id typed on the console; a malformed id is a validation error naming the field. */
    public static RequestId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("requestId", "is required");
        }
        try {
            return new RequestId(UUID.fromString(text.trim()).toString());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("requestId", "is not a valid request id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
