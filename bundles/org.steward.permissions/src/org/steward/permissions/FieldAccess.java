package org.steward.permissions;

/** What a profile may do with one field. */
public enum FieldAccess {
    HIDDEN, READ_ONLY, READ_WRITE;

    public boolean readable() {
        return this != HIDDEN;
    }

    public boolean writable() {
        return this == READ_WRITE;
    }

    /** The more restrictive of the two. */
    public FieldAccess min(FieldAccess other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public static FieldAccess parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new org.steward.core.ValidationException(field, "is required");
        }
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new org.steward.core.ValidationException(field,
                    "must be one of hidden, read-only, read-write (was '" + text + "')");
        }
    }
}
