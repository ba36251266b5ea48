package org.steward.tickets.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.permissions.Operation;
import org.steward.persistence.Transactions;
import org.steward.tickets.Attachment;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.MessageKind;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketForm;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketPriority;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.Tickets;

/**
 * Opens tickets from every channel: finds or creates the requester's contact, records the consents of a form, and
 * stores the ticket with its first message.
 */
final class TicketIntake {

    private final TicketInput input;
    private final TeamAccess access;
    private final TicketRefusals refusals;
    private final ThreadRecords records;
    private final TicketViews views;
    private final Sealing sealing;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Supplier<Instant> now;
    private final Supplier<RequesterContacts> contacts;
    private final Supplier<FormConsents> consents;

    TicketIntake(TicketInput input, TeamAccess access, TicketRefusals refusals, ThreadRecords records,
            TicketViews views, Sealing sealing, Transactions transactions, AuditLog audit, Supplier<Instant> now,
            Supplier<RequesterContacts> contacts, Supplier<FormConsents> consents) {
        this.input = input;
        this.access = access;
        this.refusals = refusals;
        this.records = records;
        this.views = views;
        this.sealing = sealing;
        this.transactions = transactions;
        this.audit = audit;
        this.now = now;
        this.contacts = contacts;
        this.consents = consents;
    }

    Ticket open(NewTicket draft, Actor actor) {
        TicketInput.actor(actor);
        if (draft == null) {
            throw new ValidationException("ticket", "is required");
        }
        String subject = TicketInput.text("subject", draft.subject(), TicketInput.MAX_SUBJECT);
        String body = TicketInput.text("text", draft.text(), TicketInput.MAX_TEXT);
        if (draft.channel() == null) {
            throw new ValidationException("channel", "is required");
        }
        List<Attachment> files = input.attachments(draft.attachments());
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        if (actor.channel() == Channel.PORTAL) {
            // the public entry of the helpdesk: web forms and the portal open tickets without a staff profile
            if (draft.assignee().isPresent()) {
                throw new ValidationException("assignee", "cannot be chosen on a customer form");
            }
            if (customer.isPresent() && draft.requester().isPresent() && !draft.requester().equals(customer)) {
                throw refusals.deny(actor, "tickets.ticket.create", null, null,
                        "a customer opens tickets for themself only");
            }
        } else {
            access.requireModule(actor, Operation.CREATE);
        }
        Optional<String> team = input.team(draft.team());
        TicketId id = TicketId.random();
        Instant at = now.get();

        Requester requester = requester(draft, customer, id, at, actor);
        recordConsents(draft.form(), requester.person(), at, actor);

        PersonId person = requester.person();
        TicketPriority priority = draft.priority().orElse(TicketPriority.NORMAL);
        TicketRecord ticket = new TicketRecord();
        ticket.id = id.value();
        ticket.subject = sealing.seal(person, ticket.id, Sealing.SUBJECT, subject);
        ticket.status = TicketStatus.NEW.name();
        ticket.priority = priority.name();
        ticket.channel = draft.channel().name();
        ticket.assignee = draft.assignee().orElse(null);
        ticket.team = team.orElse(null);
        ticket.personId = person.toString();
        ticket.createdAt = at;
        ticket.updatedAt = at;
        records.setDueTimes(ticket);
        MessageRecord first = records.message(ticket, MessageKind.CUSTOMER, null, body, 1, at);
        List<AttachmentRecord> stored = records.attachments(ticket, first, files);

        transactions.run(em -> {
            if (TicketStore.restricted(em, ticket.personId)) {
                throw refusals.restricted(actor, "tickets.ticket.create", null, person);
            }
            em.persist(ticket);
            em.persist(first);
            stored.forEach(em::persist);
            em.flush();
            audit.append(AuditEvent.builder(actor, "tickets.ticket.create").target(Tickets.MODULE, Tickets.TYPE,
                    ticket.id).person(person).fields(files.isEmpty() ? List.of("subject", "body")
                            : List.of("subject", "body", "attachments"))
                    .details("channel " + ticket.channel + ", priority " + ticket.priority
                            + (requester.contactCreated() ? ", contact created from the helpdesk" : "")).build());
        });
        return views.view(ticket, Optional.of(subject), false, true);
    }

    private record Requester(PersonId person, boolean contactCreated) {
    }

    /** The requester by person id, or by e-mail through the contacts' blind index, creating an unknown sender. */
    private Requester requester(NewTicket draft, Optional<PersonId> customer, TicketId id, Instant at, Actor actor) {
        if (customer.isPresent()) {
            return new Requester(customer.get(), false);
        }
        if (draft.requester().isPresent()) {
            return new Requester(draft.requester().get(), false);
        }
        String email = draft.requesterEmail().map(String::strip).filter(e -> !e.isEmpty())
                .orElseThrow(() -> new ValidationException("requester", "give a person id or an e-mail address"));
        RequesterContacts directory = contacts.get();
        if (directory == null) {
            throw new UnavailableException(RequesterContacts.ABSENT + ": a ticket from an e-mail address cannot be "
                    + "linked to its sender; open it for a known person id");
        }
        Actor intake = OnBehalf.of(actor);
        Optional<RequesterContacts.Known> known = directory.byEmail(email, intake);
        if (known.isPresent()) {
            if (known.get().restricted()) {
                throw refusals.restricted(actor, "tickets.ticket.create", null, known.get().person());
            }
            return new Requester(known.get().person(), false);
        }
        PersonId created = directory.createFromHelpdesk(draft.requesterFirstName().orElse(null),
                draft.requesterLastName().orElse(null), email, id.value(), at, intake);
        return new Requester(created, true);
    }

    private void recordConsents(Optional<TicketForm> form, PersonId person, Instant at, Actor actor) {
        if (form.isEmpty() || form.get().consents().isEmpty()) {
            return;
        }
        FormConsents recorder = consents.get();
        if (recorder == null) {
            throw new UnavailableException(FormConsents.ABSENT + ": the consents ticked on the form cannot be "
                    + "recorded, so the ticket was not opened");
        }
        Actor subject = actor.channel() == Channel.PORTAL
                ? CustomerActor.of(person, actor.sourceAddress(), actor.sessionId()) : actor;
        recorder.record(person, form.get(), at, subject);
    }
}
