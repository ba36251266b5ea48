package org.steward.mail;

/** Where a mail is in the outbox. */
public enum MailState {
    /** Waiting for its (next) delivery attempt. */
    QUEUED,
    /** Handed to the transport. */
    SENT,
    /** Given up after the last retry; the last error is kept. */
    FAILED,
    /** Not sent because a sending policy refused it at delivery time (for example: consent withdrawn). */
    CANCELLED
}
