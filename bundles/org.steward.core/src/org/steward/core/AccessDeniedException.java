package org.steward.core;

/** The acting principal may not perform the operation; the refusal has been audited by the service that refused. */
public class AccessDeniedException extends StewardException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    public AccessDeniedException(String operation, String reason) {
        super("Access denied to " + operation + ": " + reason);
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }

    @Override
    public String code() {
        return "access-denied";
    }
}
