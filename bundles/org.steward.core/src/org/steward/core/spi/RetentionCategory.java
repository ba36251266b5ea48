package org.steward.core.spi;

import java.util.Objects;

/**
 * A kind of record that ages out.
 *
 * @param name stable name, unique within the module ({@code leads-inactive}, {@code tickets-closed})
 * @param description in words, for the privacy officer and the register of processing activities
 * @param action what happens to a due record
 * @param defaultMonths the retention period when the administrator configured none; 0 means kept until deleted
 */
public record RetentionCategory(String name, String description, Action action, int defaultMonths) {

    /** What happens to a record when its retention period is over. */
    public enum Action {
        /** Moved to the module's recycle bin, purged after the recycle-bin period. */
        RECYCLE,
        /** Every personal trace removed; the record stays for statistics. */
        ANONYMISE,
        /** Deleted for good at once. */
        DELETE
    }

    public RetentionCategory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        description = description == null ? "" : description;
        if (defaultMonths < 0) {
            throw new IllegalArgumentException("defaultMonths cannot be negative");
        }
    }
}
