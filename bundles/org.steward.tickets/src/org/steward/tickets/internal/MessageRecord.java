package org.steward.tickets.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** One message of a thread; the body is stored encrypted under the requester's data key. */
@Entity
@Table(name = "TICKETS_MESSAGE", indexes = @Index(name = "TICKETS_MESSAGE_TICKET", columnList = "TICKET_ID"))
public class MessageRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "TICKET_ID", nullable = false, length = 36)
    String ticketId;

    /** Whose data key encrypts the body: the ticket's requester. */
    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "KIND", nullable = false, length = 16)
    String kind;

    /** The agent's user id; null for the customer's messages. */
    @Column(name = "AUTHOR", length = 200)
    String author;

    /** Ciphertext (FieldEncryption: person, message id, field "body"). */
    @Lob
    @Column(name = "BODY", nullable = false)
    String body;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    /** Order within the thread (creation times may be equal on a coarse clock). */
    @Column(name = "SEQ", nullable = false)
    int seq;

    public MessageRecord() {
    }
}
