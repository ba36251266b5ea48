package org.steward.core;

/**
 * Base of the domain errors. The message is written for the person who sees it (an operator, an administrator) and
 * never contains a personal value, so it may be shown, logged and audited as it is.
 */
public abstract class StewardException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected StewardException(String message) {
        super(message);
    }

    protected StewardException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable, machine-readable code for clients and scripts (e.g. {@code validation}, {@code access-denied}). */
    public abstract String code();
}
