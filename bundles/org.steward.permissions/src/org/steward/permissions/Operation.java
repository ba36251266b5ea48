package org.steward.permissions;

/**
 * What an actor wants to do in a module. A profile grants operations per module; on a single record each operation
 * also needs a level of record access (see {@link #recordAccess()}).
 */
public enum Operation {
    /** Read records and their permitted fields. */
    READ(RecordAccess.READ),
    /** Create records (owned by oneself, or by a user in a role below one's own). */
    CREATE(RecordAccess.FULL),
    /** Change records. */
    EDIT(RecordAccess.READ_WRITE),
    /** Delete records (recycle bin, retention). Separate from {@link #ERASE}. */
    DELETE(RecordAccess.FULL),
    /** Import records from files. */
    IMPORT(RecordAccess.FULL),
    /** Export records out of Steward (files, portability packages). */
    EXPORT(RecordAccess.READ),
    /** Erase a person ("forget", GDPR Art. 17): irreversible, crypto-shredding. Separate from {@link #DELETE}. */
    ERASE(RecordAccess.FULL),
    /** Record, change or withdraw consent and lawful bases. */
    MANAGE_CONSENT(RecordAccess.READ_WRITE),
    /** Read the audit trail of records. */
    VIEW_AUDIT(RecordAccess.READ),
    /** Configure the module (for {@code permissions}: roles, profiles, assignments, sharing). */
    ADMINISTER(RecordAccess.FULL);

    private final RecordAccess recordAccess;

    Operation(RecordAccess recordAccess) {
        this.recordAccess = recordAccess;
    }

    /**
     * The access to a single record this operation needs when the profile does not see every record of the module:
     * {@link RecordAccess#READ} from a read share, {@link RecordAccess#READ_WRITE} from a read-write share,
     * {@link RecordAccess#FULL} only as the owner or from a role above the owner's.
     */
    public RecordAccess recordAccess() {
        return recordAccess;
    }

    /** Parses a name case-insensitively, accepting "manage-consent" and "view audit" too. */
    public static Operation parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new org.steward.core.ValidationException(field, "is required");
        }
        String normalized = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new org.steward.core.ValidationException(field, "must be one of "
                    + java.util.Arrays.toString(values()).toLowerCase(java.util.Locale.ROOT) + " (was '" + text + "')");
        }
    }
}
