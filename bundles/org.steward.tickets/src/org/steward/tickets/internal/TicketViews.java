package org.steward.tickets.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.steward.core.PersonId;
import org.steward.permissions.FieldAccessPlan;
import org.steward.tickets.Attachment;
import org.steward.tickets.MessageKind;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketMessage;
import org.steward.tickets.TicketPriority;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.TicketThread;

import jakarta.persistence.EntityManager;

/** Turns stored tickets into what callers see: decrypted as far as the reader may read, due times checked. */
final class TicketViews {

    private final Sealing sealing;
    private final Supplier<Instant> now;

    TicketViews(Sealing sealing, Supplier<Instant> now) {
        this.sealing = sealing;
        this.now = now;
    }

    static PersonId person(TicketRecord ticket) {
        return ticket.personId == null ? null : PersonId.parse(ticket.personId);
    }

    Optional<String> subject(TicketRecord t) {
        return t.subject == null ? Optional.empty()
                : Optional.of(sealing.open(t.personId, t.id, Sealing.SUBJECT, t.subject));
    }

    String body(MessageRecord m) {
        return sealing.open(m.personId, m.id, Sealing.BODY, m.body);
    }

    /** @param plan the actor's field access; null for the customer themself, who reads everything of their view */
    TicketThread thread(EntityManager em, TicketRecord ticket, boolean withInternalNotes, FieldAccessPlan plan,
            boolean customerView) {
        boolean subject = plan == null || plan.canRead("subject");
        boolean body = plan == null || plan.canRead("body");
        boolean files = plan == null || plan.canRead("attachments");
        List<MessageRecord> messages = TicketStore.messages(em, ticket.id, withInternalNotes);
        Map<String, List<Attachment>> byMessage = new HashMap<>();
        if (files) {
            for (AttachmentRecord a : TicketStore.attachments(em, ticket.id)) {
                byMessage.computeIfAbsent(a.messageId, k -> new ArrayList<>())
                        .add(new Attachment(sealing.open(a.personId, a.id, Sealing.ATTACHMENT_NAME, a.name),
                                a.contentType, sealing.openBytes(a.personId, a.id, Sealing.ATTACHMENT_CONTENT,
                                        a.content)));
            }
        }
        List<TicketMessage> thread = new ArrayList<>();
        TicketId id = new TicketId(ticket.id);
        for (MessageRecord m : messages) {
            thread.add(new TicketMessage(m.id, id, MessageKind.valueOf(m.kind),
                    customerView ? Optional.empty() : Optional.ofNullable(m.author),
                    body ? Optional.ofNullable(body(m)) : Optional.empty(),
                    byMessage.getOrDefault(m.id, List.of()), m.createdAt));
        }
        Optional<String> subjectText = subject ? subject(ticket) : Optional.empty();
        return new TicketThread(view(ticket, subjectText, TicketStore.restricted(em, ticket.personId), !customerView),
                thread);
    }

    Ticket view(TicketRecord t, Optional<String> subject, boolean restricted, boolean withAssignee) {
        Instant at = now.get();
        boolean firstBreached = (t.firstResponseAt == null ? at : t.firstResponseAt).isAfter(t.firstResponseDue);
        boolean resolutionBreached = (t.resolvedAt == null ? at : t.resolvedAt).isAfter(t.resolutionDue);
        return new Ticket(new TicketId(t.id), subject, TicketStatus.valueOf(t.status),
                TicketPriority.valueOf(t.priority), TicketChannel.valueOf(t.channel),
                withAssignee ? Optional.ofNullable(t.assignee) : Optional.empty(), Optional.ofNullable(t.team),
                Optional.ofNullable(t.personId).map(PersonId::parse), t.createdAt, t.updatedAt,
                Optional.ofNullable(t.firstResponseAt), Optional.ofNullable(t.resolvedAt),
                Optional.ofNullable(t.closedAt), t.firstResponseDue, t.resolutionDue, firstBreached,
                resolutionBreached, restricted, t.anonymised);
    }
}
