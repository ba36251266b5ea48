package org.steward.permissions;

/** How far an actor may act on one record, in increasing order. */
public enum RecordAccess {
    /** Not visible. */
    NONE,
    /** Visible: read, export, view its audit trail. */
    READ,
    /** Visible and changeable: also edit and manage consent. */
    READ_WRITE,
    /** As the owner: also delete, erase, re-create and import. Owners and roles above the owner's role have it. */
    FULL;

    public boolean includes(RecordAccess other) {
        return compareTo(other) >= 0;
    }
}
