package org.steward.breaches;

/** What became of the notice to one person. */
public enum NoticeOutcome {
    /** The mail is in the outbox; the person is not mailed again for this breach. */
    QUEUED,
    /** No address is known (the contacts module is absent, holds none, or hides it from the actor). */
    NO_ADDRESS,
    /** The outbox refused the mail (a sending policy, a malformed address). */
    REFUSED
}
