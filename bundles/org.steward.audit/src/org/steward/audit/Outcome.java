package org.steward.audit;

/** How an audited operation ended. */
public enum Outcome {
    /** The operation was carried out. */
    SUCCESS,
    /** The operation was refused: no permission, restricted person, blocked address. */
    DENIED,
    /** The operation was attempted and failed (bad input, unavailable resource). */
    FAILED
}
