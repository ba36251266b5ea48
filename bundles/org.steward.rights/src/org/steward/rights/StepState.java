package org.steward.rights;

/** Where one module's part of an erasure stands. */
public enum StepState {
    /** Not done yet (also after a crash in the middle of it: it is repeated, providers are idempotent). */
    PENDING,
    /** The module erased the person; its outcome is recorded. */
    DONE,
    /** The module failed; the step is repeated on the next run. */
    FAILED
}
