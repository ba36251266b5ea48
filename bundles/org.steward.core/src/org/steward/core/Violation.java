package org.steward.core;

/**
 * One reason why input was refused.
 *
 * @param field the name of the field, setting or column at fault
 * @param reason why it was refused, without repeating the value (it may be personal)
 */
public record Violation(String field, String reason) {

    public Violation {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field is required");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
