package org.steward.identity;

/** Whether a user may log in. */
public enum UserStatus {
    /** The user may log in. */
    ACTIVE,
    /** The user may not log in; their sessions were ended. The account and its history are kept. */
    DISABLED
}
