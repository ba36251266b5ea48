package org.steward.audit.internal;

import org.steward.core.StewardException;

/** Thrown by {@code audit:verify} when the chain is broken, so that the console command fails. */
final class ChainBrokenException extends StewardException {

    private static final long serialVersionUID = 1L;

    ChainBrokenException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "audit-chain-broken";
    }
}
