package org.steward.rights;

import java.time.LocalDate;

import org.steward.core.ValidationException;

/**
 * The time limits of Art. 12(3): an answer within one month of receipt, extendable by at most two further months.
 * Months are calendar months counted from the day of receipt; when the target month is shorter, the limit is its last
 * day (received 31 January: due 28 February, or 29 February in a leap year).
 */
public final class Deadlines {

    /** The longest extension Art. 12(3) allows, in months. */
    public static final int MAX_EXTENSION_MONTHS = 2;

    private Deadlines() {
    }

    /** The day by which a request received on {@code received} must be answered. */
    public static LocalDate due(LocalDate received) {
        if (received == null) {
            throw new ValidationException("received", "is required");
        }
        return received.plusMonths(1);
    }

    /**
     * The limit after an extension, counted from receipt (so 31 January + 1 + 2 months is 30 April, not 28 April).
     *
     * @throws ValidationException (field {@code months}) unless 1 or 2 months
     */
    public static LocalDate extended(LocalDate received, int months) {
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw new ValidationException("months", "an extension is 1 or 2 further months (Art. 12(3))");
        }
        if (received == null) {
            throw new ValidationException("received", "is required");
        }
        return received.plusMonths(1L + months);
    }
}
