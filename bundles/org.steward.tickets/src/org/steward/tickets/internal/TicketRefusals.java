package org.steward.tickets.internal;

import org.steward.audit.AuditLog;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.tickets.Tickets;

import jakarta.persistence.EntityManager;

/**
 * The refusals the tickets module decides itself (the permissions service audits its own), through the audit log's
 * one refusal path, so that each is recorded before it is thrown.
 */
final class TicketRefusals {

    private final AuditLog audit;

    TicketRefusals(AuditLog audit) {
        this.audit = audit;
    }

    AccessDeniedException deny(Actor actor, String action, String ticketId, PersonId person, String reason) {
        return audit.refuseAccess(actor, action, Tickets.MODULE, Tickets.TYPE, ticketId, person, reason);
    }

    ProcessingRestrictedException restricted(Actor actor, String action, String ticketId, PersonId person) {
        return audit.refuseRestricted(actor, action, Tickets.MODULE, Tickets.TYPE, ticketId, person);
    }

    /** Refuses processing of a ticket whose requester is restricted (Art. 18). */
    void refuseIfRestricted(EntityManager em, Actor actor, String action, TicketRecord ticket) {
        if (TicketStore.restricted(em, ticket.personId)) {
            throw restricted(actor, action, ticket.id, PersonId.parse(ticket.personId));
        }
    }
}
