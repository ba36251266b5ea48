package org.steward.retention;

/** Where a purge run is. */
public enum RunState {
    /** Steps are being carried out, or the server stopped while they were (completed at the next start). */
    RUNNING,
    /** At least one step failed; the run is completed by the next run or the next start. */
    INCOMPLETE,
    /** Every step is done (or skipped because its module is no longer installed). */
    COMPLETED,
    /** A dry run with a failed step; dry runs are never repeated. */
    FAILED
}
