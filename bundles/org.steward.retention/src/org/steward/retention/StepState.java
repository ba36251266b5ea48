package org.steward.retention;

/** Where one step of a purge run is. */
public enum StepState {
    /** Not carried out yet. */
    PENDING,
    /** Carried out; its counts are final. It is never carried out again. */
    DONE,
    /** The module failed; the step is retried when the run is completed. */
    FAILED,
    /** The module was no longer installed when the run was completed. */
    SKIPPED
}
