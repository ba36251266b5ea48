package org.steward.tickets.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** A file attached to a message; name and content encrypted under the requester's data key. */
@Entity
@Table(name = "TICKETS_ATTACHMENT", indexes = {
        @Index(name = "TICKETS_ATTACHMENT_MESSAGE", columnList = "MESSAGE_ID"),
        @Index(name = "TICKETS_ATTACHMENT_TICKET", columnList = "TICKET_ID") })
public class AttachmentRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "MESSAGE_ID", nullable = false, length = 36)
    String messageId;

    @Column(name = "TICKET_ID", nullable = false, length = 36)
    String ticketId;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "POSITION", nullable = false)
    int position;

    /** Ciphertext (field "attachment.name"). */
    @Column(name = "NAME", nullable = false, length = 1500)
    String name;

    @Column(name = "CONTENT_TYPE", nullable = false, length = 200)
    String contentType;

    @Column(name = "SIZE_BYTES", nullable = false)
    long size;

    /** Ciphertext of the Base64 content (field "attachment.content"). */
    @Lob
    @Column(name = "CONTENT", nullable = false)
    String content;

    public AttachmentRecord() {
    }
}
