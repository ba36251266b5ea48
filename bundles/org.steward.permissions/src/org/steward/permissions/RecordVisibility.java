package org.steward.permissions;

import java.util.Set;

/**
 * Which records of a type an actor may list, so that a module filters its queries in the database:
 * {@code allRecords}, or {@code OWNER IN (ownerUserIds) OR ID IN (sharedRecordIds)}.
 *
 * @param allRecords every record of the type is visible
 * @param ownerUserIds records owned by these users are visible (the actor, users in roles below, owners whose records
 *            are shared with the actor)
 * @param sharedRecordIds these records are visible through sharing rules on the records themselves
 */
public record RecordVisibility(boolean allRecords, Set<String> ownerUserIds, Set<String> sharedRecordIds) {

    private static final RecordVisibility ALL = new RecordVisibility(true, Set.of(), Set.of());
    private static final RecordVisibility NONE = new RecordVisibility(false, Set.of(), Set.of());

    public RecordVisibility {
        ownerUserIds = ownerUserIds == null ? Set.of() : Set.copyOf(ownerUserIds);
        sharedRecordIds = sharedRecordIds == null ? Set.of() : Set.copyOf(sharedRecordIds);
    }

    public static RecordVisibility all() {
        return ALL;
    }

    public static RecordVisibility none() {
        return NONE;
    }

    /** Whether nothing at all is visible, so the module need not query. */
    public boolean nothing() {
        return !allRecords && ownerUserIds.isEmpty() && sharedRecordIds.isEmpty();
    }

    /** Whether a record with this id and owner (null or empty for none) is visible. */
    public boolean isVisible(String recordId, String ownerUserId) {
        return allRecords || (ownerUserId != null && ownerUserIds.contains(ownerUserId))
                || sharedRecordIds.contains(recordId);
    }
}
