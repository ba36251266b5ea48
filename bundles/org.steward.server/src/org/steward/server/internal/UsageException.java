package org.steward.server.internal;

/** A console command called with the wrong arguments; the message is its usage line. */
final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    UsageException(String usage) {
        super(usage);
    }
}
