package org.steward.permissions;

/** Which records of a module a profile reaches. */
public enum RecordScope {
    /**
     * The records the user owns, those owned by users in roles below the user's role, and those shared with the user
     * or the user's role by a sharing rule. The default for every profile but the privileged ones.
     */
    HIERARCHY,
    /** Every record of the module, whoever owns it (administrators, the privacy officer). */
    ALL
}
