package org.steward.core;

/**
 * How much protection a field needs. The order matters: each level includes the duties of the one before it.
 */
public enum DataClassification {
    /** Not about an identifiable person (a product name, a ticket status). */
    NOT_PERSONAL,
    /** Identifies or relates to a person (name, e-mail, phone). */
    PERSONAL,
    /** Personal and harmful if disclosed (birth date, national id, notes): encrypted, hidden by default. */
    SENSITIVE,
    /** GDPR Art. 9 special category (health, religion, ethnicity, ...): encrypted, hidden by default. */
    SPECIAL_CATEGORY;

    public boolean isPersonal() {
        return this != NOT_PERSONAL;
    }

    /** Sensitive and special-category values are stored encrypted under the person's data key. */
    public boolean requiresEncryption() {
        return compareTo(SENSITIVE) >= 0;
    }

    /** Whether values of this class are hidden from profiles that were not granted them explicitly. */
    public boolean hiddenByDefault() {
        return requiresEncryption();
    }

    /** Parses a classification case-insensitively, accepting "special-category" and "not-personal" too. */
    public static DataClassification parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String normalized = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field,
                    "must be one of not-personal, personal, sensitive, special-category (was '" + text + "')");
        }
    }
}
