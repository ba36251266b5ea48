package org.steward.rights;

/** Whether the requester proved to be the person the request is about (Art. 12(6)). */
public enum Verification {
    /** Not checked yet. */
    UNVERIFIED,
    /** Additional information was asked for and is awaited. */
    PENDING,
    /** The identity was confirmed. */
    VERIFIED,
    /** The identity could not be confirmed; the request may be refused. */
    FAILED
}
