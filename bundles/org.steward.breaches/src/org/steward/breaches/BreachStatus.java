package org.steward.breaches;

import java.util.Locale;

import org.steward.core.ValidationException;

/** Where the handling of a breach is. */
public enum BreachStatus {
    /** Being investigated or contained. */
    OPEN,
    /** Contained; follow-up measures may still run. */
    CONTAINED,
    /** Handled; kept in the register as documentation (Art. 33(5)). */
    CLOSED;

    public static BreachStatus parse(String field, String text) {
        try {
            return valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be open, contained or closed");
        }
    }
}
