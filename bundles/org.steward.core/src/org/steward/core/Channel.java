package org.steward.core;

/** Where an operation came from; recorded in the audit trail with every operation on personal data. */
public enum Channel {
    /** The rich client used by staff. */
    CLIENT,
    /** The HTTP API used by integrations. */
    API,
    /** A file import. */
    IMPORT,
    /** The administration console. */
    CONSOLE,
    /** A web form or the self-service portal used by the data subjects themselves. */
    PORTAL,
    /** Steward itself: scheduled jobs, retention, start-up. */
    SYSTEM
}
