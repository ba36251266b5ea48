package org.steward.encryption;

/** What {@link KeyManagement#shred} did. */
public enum ShredOutcome {
    /** The key existed and was destroyed. */
    SHREDDED,
    /** The key had been destroyed before. */
    ALREADY_SHREDDED,
    /** The person never had a key; a tombstone now prevents one from being created. */
    NO_KEY
}
