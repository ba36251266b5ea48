package org.steward.permissions;

/** What a sharing rule grants on the records it shares. */
public enum ShareAccess {
    READ, READ_WRITE;

    public RecordAccess recordAccess() {
        return this == READ ? RecordAccess.READ : RecordAccess.READ_WRITE;
    }
}
