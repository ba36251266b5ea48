package org.steward.permissions;

/** Why a module asks which fields an actor may see. */
public enum Purpose {
    /** Showing a record: readable fields need {@link Operation#READ}. */
    VIEW,
    /** A form to create or change a record: writable fields need {@link Operation#EDIT} or {@link Operation#CREATE}. */
    EDIT,
    /** Taking values out of Steward: readable fields need {@link Operation#EXPORT}; nothing is writable. */
    EXPORT
}
