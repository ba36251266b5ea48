package org.steward.consent;

import org.steward.core.ConflictException;

/** A confirmation, consent-request or unsubscribe link was refused; the message says why, for the person. */
public class TokenRejectedException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** Why a link was refused. */
    public enum Reason {
        /** No such token (mistyped, erased, purged or never issued). */
        UNKNOWN,
        /** The single-use link was used already. */
        USED,
        /** The link's validity has passed. */
        EXPIRED,
        /** A newer link was sent for the same purpose. */
        SUPERSEDED
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return "token-" + reason.name().toLowerCase(java.util.Locale.ROOT);
    }
}
