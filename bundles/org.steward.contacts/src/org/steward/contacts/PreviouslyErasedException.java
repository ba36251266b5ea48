package org.steward.contacts;

import org.steward.core.ConflictException;

/**
 * A contact was to be created (or imported) with an e-mail address or phone number of a person who was erased
 * before. Going on needs a {@link BlocklistOverride} with a reason.
 */
public class PreviouslyErasedException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public PreviouslyErasedException(String message) {
        super(message);
    }
}
