package org.steward.rights;

/** Where a journaled erasure stands. */
public enum ErasureState {
    /** Started: identifiers collected, modules being erased one by one. */
    RUNNING,
    /** Every module erased; export files, key and blocklist being finished. */
    FINISHING,
    /** Complete: the key is shredded and the blocklist entry written. */
    DONE
}
