package org.steward.tickets;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * The helpdesk. Every method takes the acting principal and asks the permissions service (module {@value #MODULE},
 * record type {@value #TYPE}, the assignee as the record's owner; an agent also reaches the tickets of their own team,
 * see docs/TICKETS.md), refuses changes for a person whose processing is restricted, and writes an audit entry naming
 * the ticket and the fields, never a value.
 *
 * <p>Customers act through a {@link CustomerActor}: they may open tickets, read their own tickets without internal
 * notes ({@link #customerView}) and answer them; they change their own contact details through
 * {@link CustomerContactDetails}, a service of its own that is there only while the contacts module is (since 2.0).
 *
 * <p>Errors: {@link org.steward.core.ValidationException} naming the field, {@link org.steward.core.NotFoundException},
 * {@link org.steward.core.AccessDeniedException}, {@link org.steward.core.ProcessingRestrictedException},
 * {@link org.steward.core.ConflictException} for a transition the status does not allow,
 * {@link org.steward.core.UnavailableException} when a service the call needs (contacts, consent) is not running.
 */
@ProviderType
public interface Tickets {

    /** The module name used for permissions, audit, the personal-data provider and retention. */
    String MODULE = "tickets";

    /** The record type in permissions and audit. */
    String TYPE = "ticket";

    /**
     * Opens a ticket. The requester is found by person id or through the contacts' blind index by e-mail address; an
     * unknown address creates a contact with source "helpdesk". Consents ticked on the form are recorded through the
     * consent service before the ticket is stored.
     */
    Ticket open(NewTicket ticket, Actor actor);

    /** The ticket with every message, internal notes included (staff only). */
    TicketThread get(TicketId id, Actor actor);

    /**
     * The ticket as its requester sees it: internal notes are never included, nor the assignee. Allowed for the
     * requester themself (a {@link CustomerActor}) and for staff who may read the ticket.
     */
    TicketThread customerView(TicketId id, Actor actor);

    /**
     * Adds an agent's answer ({@code internal == false}, sent to the requester by mail when the mail module runs) or an
     * internal note. The first answer is the ticket's first response; a new ticket moves to open.
     */
    TicketMessage reply(TicketId id, String text, List<Attachment> attachments, boolean internal, Actor actor);

    /** Adds a message of the requester (a {@link CustomerActor}, or staff typing in what the customer said). */
    TicketMessage customerReply(TicketId id, String text, List<Attachment> attachments, Actor actor);

    /** Moves the ticket to another status, as {@link TicketStatus#next()} allows. */
    Ticket changeStatus(TicketId id, TicketStatus status, Actor actor);

    /** Gives the ticket to an agent and/or a team (empty assignee: back to the team's queue). */
    Ticket assign(TicketId id, Optional<String> assignee, Optional<String> team, Actor actor);

    /** Changes the priority; the due times are worked out again from the creation time. */
    Ticket changePriority(TicketId id, TicketPriority priority, Actor actor);

    /** Tickets the actor may see that match the query, newest first. */
    List<Ticket> search(TicketQuery query, Actor actor);

    /** Moves the ticket to the recycle bin; purged by retention after the recycle-bin period. */
    void delete(TicketId id, Actor actor);

}
