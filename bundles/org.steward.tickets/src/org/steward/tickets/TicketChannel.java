package org.steward.tickets;

/** How a ticket reached the helpdesk. */
public enum TicketChannel {
    EMAIL, WEB, PHONE, API
}
