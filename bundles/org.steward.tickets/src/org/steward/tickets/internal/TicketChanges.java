package org.steward.tickets.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.ValidationException;
import org.steward.permissions.Operation;
import org.steward.persistence.Transactions;
import org.steward.tickets.Attachment;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.MessageKind;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketMessage;
import org.steward.tickets.TicketPriority;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.Tickets;

import jakarta.persistence.EntityManager;

/**
 * Every change of an existing ticket: answers and notes, the customer's messages, status, assignment, priority and
 * the move to the recycle bin. Each runs in one transaction that appends its audit entry before it commits.
 */
final class TicketChanges {

    private final TicketInput input;
    private final TeamAccess access;
    private final TicketRefusals refusals;
    private final ThreadRecords records;
    private final TicketViews views;
    private final Sealing sealing;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Logger logger;
    private final boolean mailReplies;
    private final Supplier<Instant> now;
    private final Supplier<RequesterContacts> contacts;
    private final Supplier<ReplyMailer> mailer;

    TicketChanges(TicketInput input, TeamAccess access, TicketRefusals refusals, ThreadRecords records,
            TicketViews views, Sealing sealing, Transactions transactions, AuditLog audit, Logger logger,
            boolean mailReplies, Supplier<Instant> now, Supplier<RequesterContacts> contacts,
            Supplier<ReplyMailer> mailer) {
        this.input = input;
        this.access = access;
        this.refusals = refusals;
        this.records = records;
        this.views = views;
        this.sealing = sealing;
        this.transactions = transactions;
        this.audit = audit;
        this.logger = logger;
        this.mailReplies = mailReplies;
        this.now = now;
        this.contacts = contacts;
        this.mailer = mailer;
    }

    /** Loads the ticket in a transaction, checks access and restriction, applies the change and audits it. */
    private <T> T change(TicketId id, Actor actor, Operation operation, String action, ChangeWork<T> work) {
        TicketInput.actor(actor);
        String ticketId = TicketInput.id(id).value();
        if (actor.channel() == Channel.PORTAL) {
            throw refusals.deny(actor, action, ticketId, null, "customers answer through the customer reply only");
        }
        return transactions.write(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            access.require(actor, operation, ticket);
            refusals.refuseIfRestricted(em, actor, action, ticket);
            refuseAnonymised(ticket);
            AuditEvent.Builder event = AuditEvent.builder(actor, action).target(Tickets.MODULE, Tickets.TYPE, ticketId)
                    .person(TicketViews.person(ticket));
            T result = work.apply(em, ticket, event);
            ticket.updatedAt = now.get();
            em.flush();
            audit.append(event.build());
            return result;
        });
    }

    @FunctionalInterface
    private interface ChangeWork<T> {
        T apply(EntityManager em, TicketRecord ticket, AuditEvent.Builder event);
    }

    private static void refuseAnonymised(TicketRecord ticket) {
        if (ticket.anonymised) {
            throw new ConflictException("Ticket " + ticket.id + " was anonymised and cannot be changed");
        }
    }

    private static void refuseClosed(TicketRecord ticket) {
        if (TicketStatus.CLOSED.name().equals(ticket.status)) {
            throw new ConflictException("Ticket " + ticket.id + " is closed; a new question opens a new ticket");
        }
    }

    TicketMessage reply(TicketId id, String text, List<Attachment> attachments, boolean internal, Actor actor) {
        String body = TicketInput.text("text", text, TicketInput.MAX_TEXT);
        List<Attachment> files = input.attachments(attachments);
        MessageKind kind = internal ? MessageKind.INTERNAL_NOTE : MessageKind.AGENT;
        Instant at = now.get();
        TicketMessage added = change(id, actor, Operation.EDIT, "tickets.message.add", (em, ticket, event) -> {
            refuseClosed(ticket);
            MessageRecord m = records.message(ticket, kind, actor.userId(), body, TicketStore.nextSeq(em, ticket.id),
                    at);
            em.persist(m);
            records.attachments(ticket, m, files).forEach(em::persist);
            if (!internal) {
                if (ticket.firstResponseAt == null) {
                    ticket.firstResponseAt = at;
                }
                if (TicketStatus.NEW.name().equals(ticket.status)) {
                    ticket.status = TicketStatus.OPEN.name();
                }
            }
            event.fields(files.isEmpty() ? List.of("body") : List.of("body", "attachments"))
                    .details(internal ? "internal note" : "agent answer");
            return new TicketMessage(m.id, new TicketId(ticket.id), kind, Optional.of(actor.userId()),
                    Optional.of(body), files, at);
        });
        if (!internal && mailReplies) {
            mailAnswer(added, body, actor);
        }
        return added;
    }

    /**
     * Queues the answer for the requester; the answer stays stored whatever the outbox says. Without the mail or the
     * contacts module there is no way to reach the requester, and the answer waits in the customer view.
     */
    private void mailAnswer(TicketMessage added, String body, Actor actor) {
        ReplyMailer sender = mailer.get();
        RequesterContacts directory = contacts.get();
        if (sender == null || directory == null) {
            return;
        }
        try {
            TicketRecord ticket = transactions.read(em -> em.find(TicketRecord.class, added.ticket().value()));
            PersonId person = PersonId.parse(ticket.personId);
            Optional<RequesterContacts.Address> address = directory.mailAddress(person, OnBehalf.of(actor));
            if (address.isEmpty()) {
                return;
            }
            String subject = sealing.open(ticket.personId, ticket.id, Sealing.SUBJECT, ticket.subject);
            String mailId = sender.send(person, address.get().email(), address.get().language(), ticket.id, subject,
                    body);
            audit.append(AuditEvent.builder(actor, "tickets.message.mail").target(Tickets.MODULE, Tickets.TYPE,
                    ticket.id).person(person).details("answer " + added.id() + " queued as mail " + mailId).build());
        } catch (StewardException e) {
            logger.warn("The answer {} of ticket {} was stored but not mailed: {}", added.id(), added.ticket(),
                    e.getMessage());
        }
    }

    TicketMessage customerReply(TicketId id, String text, List<Attachment> attachments, Actor actor) {
        TicketInput.actor(actor);
        String ticketId = TicketInput.id(id).value();
        String body = TicketInput.text("text", text, TicketInput.MAX_TEXT);
        List<Attachment> files = input.attachments(attachments);
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        Instant at = now.get();
        return transactions.write(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            if (customer.isPresent()) {
                if (!customer.get().toString().equals(ticket.personId)) {
                    throw refusals.deny(actor, "tickets.message.add", ticketId, null,
                            "a customer answers their own tickets only");
                }
            } else if (actor.channel() == Channel.PORTAL) {
                throw refusals.deny(actor, "tickets.message.add", ticketId, null, "the customer is not identified");
            } else {
                access.require(actor, Operation.EDIT, ticket);
            }
            refusals.refuseIfRestricted(em, actor, "tickets.message.add", ticket);
            refuseAnonymised(ticket);
            refuseClosed(ticket);
            MessageRecord m = records.message(ticket, MessageKind.CUSTOMER, null, body,
                    TicketStore.nextSeq(em, ticket.id), at);
            em.persist(m);
            records.attachments(ticket, m, files).forEach(em::persist);
            TicketStatus status = TicketStatus.valueOf(ticket.status);
            if (status == TicketStatus.SOLVED || status == TicketStatus.PENDING) {
                ticket.status = TicketStatus.OPEN.name();
                ticket.resolvedAt = null;
            }
            ticket.updatedAt = at;
            em.flush();
            audit.append(AuditEvent.builder(actor, "tickets.message.add").target(Tickets.MODULE, Tickets.TYPE,
                    ticketId).person(TicketViews.person(ticket)).fields(files.isEmpty() ? List.of("body")
                            : List.of("body", "attachments"))
                    .details("customer message" + (status != TicketStatus.valueOf(ticket.status) ? ", reopened" : ""))
                    .build());
            return new TicketMessage(m.id, new TicketId(ticketId), MessageKind.CUSTOMER, Optional.empty(),
                    Optional.of(body), files, at);
        });
    }

    Ticket changeStatus(TicketId id, TicketStatus status, Actor actor) {
        if (status == null) {
            throw new ValidationException("status", "is required");
        }
        Instant at = now.get();
        return change(id, actor, Operation.EDIT, "tickets.ticket.status", (em, ticket, event) -> {
            TicketStatus from = TicketStatus.valueOf(ticket.status);
            if (!from.canMoveTo(status)) {
                throw new ConflictException("A " + from.name().toLowerCase(Locale.ROOT) + " ticket cannot become "
                        + status.name().toLowerCase(Locale.ROOT) + "; allowed: " + (from.next().isEmpty() ? "nothing"
                                : from.next().toString().toLowerCase(Locale.ROOT)));
            }
            ticket.status = status.name();
            if (status.resolved() && ticket.resolvedAt == null) {
                ticket.resolvedAt = at;
            } else if (!status.resolved()) {
                ticket.resolvedAt = null;
            }
            if (status == TicketStatus.CLOSED) {
                ticket.closedAt = at;
            }
            event.fields("status").details(from + " -> " + status);
            return views.view(ticket, Optional.empty(), false, true);
        });
    }

    Ticket assign(TicketId id, Optional<String> assignee, Optional<String> team, Actor actor) {
        Optional<String> newAssignee = assignee == null ? Optional.empty()
                : assignee.map(String::strip).filter(a -> !a.isEmpty());
        Optional<String> newTeam = team == null ? Optional.empty() : team.map(String::strip).filter(t -> !t.isEmpty());
        if (newTeam.isPresent()) {
            input.team(newTeam);
        }
        if (newAssignee.isPresent() && newAssignee.get().length() > 200) {
            throw new ValidationException("assignee", "is longer than 200 characters");
        }
        return change(id, actor, Operation.EDIT, "tickets.ticket.assign", (em, ticket, event) -> {
            ticket.assignee = newAssignee.orElse(null);
            newTeam.ifPresent(t -> ticket.team = t);
            event.fields(newTeam.isPresent() ? List.of("assignee", "team") : List.of("assignee"));
            return views.view(ticket, Optional.empty(), false, true);
        });
    }

    Ticket changePriority(TicketId id, TicketPriority priority, Actor actor) {
        if (priority == null) {
            throw new ValidationException("priority", "is required");
        }
        return change(id, actor, Operation.EDIT, "tickets.ticket.priority", (em, ticket, event) -> {
            String from = ticket.priority;
            ticket.priority = priority.name();
            records.setDueTimes(ticket);
            event.fields("priority").details(from + " -> " + priority);
            return views.view(ticket, Optional.empty(), false, true);
        });
    }

    void delete(TicketId id, Actor actor) {
        TicketInput.actor(actor);
        String ticketId = TicketInput.id(id).value();
        transactions.run(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            access.require(actor, Operation.DELETE, ticket);
            ticket.deletedAt = now.get();
            em.flush();
            audit.append(AuditEvent.builder(actor, "tickets.ticket.delete").target(Tickets.MODULE, Tickets.TYPE,
                    ticketId).person(TicketViews.person(ticket)).details("moved to the recycle bin").build());
        });
    }
}
