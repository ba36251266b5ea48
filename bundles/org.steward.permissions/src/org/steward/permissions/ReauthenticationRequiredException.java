package org.steward.permissions;

import java.util.List;

import org.steward.core.AccessDeniedException;

/**
 * The operation is allowed only after the user proves again who they are (password or second factor): a client
 * catches this, prompts, and retries with the refreshed session. The refusal has been audited.
 */
public class ReauthenticationRequiredException extends AccessDeniedException {

    private static final long serialVersionUID = 1L;

    private final List<String> fields;

    public ReauthenticationRequiredException(String operation, String reason, List<String> fields) {
        super(operation, reason);
        this.fields = List.copyOf(fields);
    }

    /** The fields that need the re-authentication (names only). */
    public List<String> fields() {
        return fields;
    }

    @Override
    public String code() {
        return "reauthentication-required";
    }
}
