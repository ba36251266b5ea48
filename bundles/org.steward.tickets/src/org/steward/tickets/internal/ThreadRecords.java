package org.steward.tickets.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.steward.core.PersonId;
import org.steward.tickets.Attachment;
import org.steward.tickets.MessageKind;
import org.steward.tickets.TicketPriority;

/** Builds the rows of a ticket's thread, every personal value sealed under the requester's key. */
final class ThreadRecords {

    private final Sealing sealing;
    private final ServiceLevels serviceLevels;

    ThreadRecords(Sealing sealing, ServiceLevels serviceLevels) {
        this.sealing = sealing;
        this.serviceLevels = serviceLevels;
    }

    /** The due times from the creation time and the priority's service level. */
    void setDueTimes(TicketRecord ticket) {
        ServiceLevels.Level level = serviceLevels.of(TicketPriority.valueOf(ticket.priority));
        ticket.firstResponseDue = ticket.createdAt.plus(level.firstResponse());
        ticket.resolutionDue = ticket.createdAt.plus(level.resolution());
    }

    MessageRecord message(TicketRecord ticket, MessageKind kind, String author, String body, int seq, Instant now) {
        MessageRecord m = new MessageRecord();
        m.id = UUID.randomUUID().toString();
        m.ticketId = ticket.id;
        m.personId = ticket.personId;
        m.kind = kind.name();
        m.author = author;
        m.body = sealing.seal(PersonId.parse(ticket.personId), m.id, Sealing.BODY, body);
        m.createdAt = now;
        m.seq = seq;
        return m;
    }

    List<AttachmentRecord> attachments(TicketRecord ticket, MessageRecord message, List<Attachment> files) {
        List<AttachmentRecord> records = new ArrayList<>();
        PersonId person = PersonId.parse(ticket.personId);
        for (int i = 0; i < files.size(); i++) {
            Attachment file = files.get(i);
            AttachmentRecord a = new AttachmentRecord();
            a.id = UUID.randomUUID().toString();
            a.messageId = message.id;
            a.ticketId = ticket.id;
            a.personId = ticket.personId;
            a.position = i;
            a.name = sealing.seal(person, a.id, Sealing.ATTACHMENT_NAME, file.name());
            a.contentType = file.contentType();
            a.size = file.size();
            a.content = sealing.sealBytes(person, a.id, Sealing.ATTACHMENT_CONTENT, file.content());
            records.add(a);
        }
        return records;
    }
}
