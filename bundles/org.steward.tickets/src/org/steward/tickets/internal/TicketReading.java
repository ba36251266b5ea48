package org.steward.tickets.internal;

import java.util.List;
import java.util.Optional;

import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;
import org.steward.persistence.Transactions;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketThread;
import org.steward.tickets.Tickets;

/** Reads one ticket with its thread: the staff's view with internal notes, and the requester's view without. */
final class TicketReading {

    private final AccessDecisions decisions;
    private final TeamAccess access;
    private final TicketRefusals refusals;
    private final TicketViews views;
    private final Transactions transactions;
    private final AuditLog audit;

    TicketReading(AccessDecisions decisions, TeamAccess access, TicketRefusals refusals, TicketViews views,
            Transactions transactions, AuditLog audit) {
        this.decisions = decisions;
        this.access = access;
        this.refusals = refusals;
        this.views = views;
        this.transactions = transactions;
        this.audit = audit;
    }

    TicketThread get(TicketId id, Actor actor) {
        TicketInput.actor(actor);
        String ticketId = TicketInput.id(id).value();
        if (actor.channel() == Channel.PORTAL) {
            throw refusals.deny(actor, "tickets.ticket.read", ticketId, null,
                    "customers see their tickets through the customer view");
        }
        return transactions.read(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            access.require(actor, Operation.READ, ticket);
            FieldAccessPlan plan = decisions.fields(actor, Tickets.MODULE, Tickets.TYPE, TicketService.CATALOGUE,
                    Purpose.VIEW);
            TicketThread thread = views.thread(em, ticket, true, plan, false);
            audit.append(AuditEvent.builder(actor, "tickets.ticket.read").target(Tickets.MODULE, Tickets.TYPE,
                    ticketId).person(TicketViews.person(ticket)).fields(readFields(plan)).build());
            return thread;
        });
    }

    TicketThread customerView(TicketId id, Actor actor) {
        TicketInput.actor(actor);
        String ticketId = TicketInput.id(id).value();
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        return transactions.read(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            if (customer.isPresent()) {
                if (!customer.get().toString().equals(ticket.personId)) {
                    throw refusals.deny(actor, "tickets.ticket.customer-view", ticketId, null,
                            "a customer sees their own tickets only");
                }
            } else if (actor.channel() == Channel.PORTAL) {
                throw refusals.deny(actor, "tickets.ticket.customer-view", ticketId, null,
                        "the customer is not identified");
            } else {
                access.require(actor, Operation.READ, ticket);
            }
            if (ticket.anonymised) {
                throw new NotFoundException("Ticket", ticketId);
            }
            FieldAccessPlan plan = customer.isPresent() ? null
                    : decisions.fields(actor, Tickets.MODULE, Tickets.TYPE, TicketService.CATALOGUE, Purpose.VIEW);
            // internal notes are left out by the query itself: they are never even decrypted for this view
            TicketThread thread = views.thread(em, ticket, false, plan, true);
            audit.append(AuditEvent.builder(actor, "tickets.ticket.customer-view").target(Tickets.MODULE,
                    Tickets.TYPE, ticketId).person(TicketViews.person(ticket)).fields("subject", "body",
                            "attachments").build());
            return thread;
        });
    }

    private static List<String> readFields(FieldAccessPlan plan) {
        return List.of("subject", "body", "attachments").stream().filter(plan::canRead).toList();
    }
}
