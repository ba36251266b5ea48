package org.steward.consent;

/** The state of a person's consent to one purpose. */
public enum ConsentState {
    /** Submitted on a web form, waiting for the confirmation of the double opt-in. */
    PENDING,
    /** Given (and confirmed where double opt-in applies). */
    GRANTED,
    /** Withdrawn by the person. */
    WITHDRAWN
}
