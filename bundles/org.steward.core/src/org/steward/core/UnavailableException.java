package org.steward.core;

/**
 * A resource Steward depends on cannot be used: the database, a key store, a folder. The message names the setting or
 * the folder to look at, so that an administrator can act on it without reading a stack trace.
 */
public class UnavailableException extends StewardException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "unavailable";
    }
}
