package org.steward.api;

import org.steward.core.StewardException;

/** A change was sent without {@code If-Match}: updates must name the version they change (HTTP 428). */
public class PreconditionRequiredException extends StewardException {

    private static final long serialVersionUID = 1L;

    public PreconditionRequiredException(String what) {
        super("Changing " + what + " needs the If-Match header with the ETag of the version read");
    }

    @Override
    public String code() {
        return "precondition-required";
    }
}
