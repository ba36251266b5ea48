package org.steward.tickets.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One ticket. The subject is stored encrypted under the requester's data key (it may hold personal data); the other
 * columns are not personal values: ids, states and times. An anonymised ticket has no subject and no requester.
 */
@Entity
@Table(name = "TICKETS_TICKET", indexes = { @Index(name = "TICKETS_TICKET_PERSON", columnList = "PERSON_ID"),
        @Index(name = "TICKETS_TICKET_STATUS", columnList = "STATUS"),
        @Index(name = "TICKETS_TICKET_ASSIGNEE", columnList = "ASSIGNEE") })
public class TicketRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    /** Ciphertext (FieldEncryption: person, ticket id, field "subject"). */
    @Column(name = "SUBJECT", length = 4000)
    String subject;

    @Column(name = "STATUS", nullable = false, length = 16)
    String status;

    @Column(name = "PRIORITY", nullable = false, length = 16)
    String priority;

    @Column(name = "CHANNEL", nullable = false, length = 16)
    String channel;

    @Column(name = "ASSIGNEE", length = 200)
    String assignee;

    @Column(name = "TEAM", length = 64)
    String team;

    @Column(name = "PERSON_ID", length = 36)
    String personId;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    Instant updatedAt;

    @Column(name = "FIRST_RESPONSE_AT")
    Instant firstResponseAt;

    @Column(name = "RESOLVED_AT")
    Instant resolvedAt;

    @Column(name = "CLOSED_AT")
    Instant closedAt;

    @Column(name = "FIRST_RESPONSE_DUE", nullable = false)
    Instant firstResponseDue;

    @Column(name = "RESOLUTION_DUE", nullable = false)
    Instant resolutionDue;

    /** Set while the ticket is in the recycle bin. */
    @Column(name = "DELETED_AT")
    Instant deletedAt;

    @Column(name = "ANONYMISED", nullable = false)
    boolean anonymised;

    @Version
    @Column(name = "VERSION")
    long version;

    public TicketRecord() {
    }
}
