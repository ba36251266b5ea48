package org.steward.core;

/** The operation clashes with the current state (a concurrent change, a duplicate, a legal hold). */
public class ConflictException extends StewardException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "conflict";
    }
}
