package org.steward.tickets;

/** Who wrote a message of a ticket's thread, and who may see it. */
public enum MessageKind {
    /** Written by the requester (e-mail, web form, portal, or typed in by an agent on the phone). */
    CUSTOMER,
    /** A public answer of an agent; the first one is the first response of the service level. */
    AGENT,
    /** Between agents only: never shown in the customer's own view of the ticket. */
    INTERNAL_NOTE;

    public boolean visibleToCustomer() {
        return this != INTERNAL_NOTE;
    }
}
