package org.steward.core;

/** The record does not exist, or no longer exists (erased, purged). */
public class NotFoundException extends StewardException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String type, Object id) {
        super(type + " " + id + " was not found");
    }

    @Override
    public String code() {
        return "not-found";
    }
}
