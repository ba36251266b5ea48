package org.steward.api;

import org.steward.core.StewardException;

/** The record changed since the client read it: its {@code If-Match} names an older entity tag (HTTP 412). */
public class PreconditionFailedException extends StewardException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String what) {
        super(what + " was changed since it was read: read it again, then repeat the change");
    }

    @Override
    public String code() {
        return "precondition-failed";
    }
}
