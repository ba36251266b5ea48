package org.steward.rights.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.steward.core.PersonId;
import org.steward.rights.RequestId;
import org.steward.rights.RequestState;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.Verification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One row of {@code RIGHTS_REQUEST}. The e-mail address a request came with is kept as its blind index only. */
@Entity
@Table(name = "RIGHTS_REQUEST", indexes = { @Index(name = "RIGHTS_REQUEST_PERSON", columnList = "PERSON_ID"),
        @Index(name = "RIGHTS_REQUEST_DUE", columnList = "STATE, DUE_ON") })
public class RequestRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "TYPE", nullable = false, length = 16)
    String type;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "EMAIL_INDEX", length = 64)
    String emailIndex;

    @Column(name = "CHANNEL", nullable = false, length = 64)
    String channel;

    @Column(name = "RECEIVED_ON", nullable = false)
    LocalDate receivedOn;

    @Column(name = "VERIFICATION", nullable = false, length = 16)
    String verification;

    @Column(name = "STATE", nullable = false, length = 16)
    String state;

    @Column(name = "DUE_ON", nullable = false)
    LocalDate dueOn;

    @Column(name = "EXTENSION_MONTHS", nullable = false)
    int extensionMonths;

    @Column(name = "EXTENSION_REASON", length = 1000)
    String extensionReason;

    @Column(name = "NOTICE_AT")
    Instant noticeAt;

    @Column(name = "NOTICE_VIA", length = 100)
    String noticeVia;

    @Column(name = "ASSIGNEE", length = 200)
    String assignee;

    @Column(name = "REFUSAL_REASON", length = 1000)
    String refusalReason;

    @Column(name = "CLOSED_AT")
    Instant closedAt;

    @Column(name = "REGISTERED_AT", nullable = false)
    Instant registeredAt;

    @Column(name = "REGISTERED_BY", nullable = false, length = 200)
    String registeredBy;

    @Version
    @Column(name = "VERSION")
    long version;

    RightsRequest toRequest() {
        return new RightsRequest(new RequestId(id), RequestType.valueOf(type), PersonId.parse(personId), receivedOn,
                channel, Verification.valueOf(verification), RequestState.valueOf(state), dueOn, extensionMonths,
                extensionReason, Optional.ofNullable(noticeAt), noticeVia, assignee, refusalReason,
                Optional.ofNullable(closedAt), registeredAt);
    }
}
