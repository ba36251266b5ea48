package org.steward.breaches.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The notice of one person about one breach: person id, time, outcome; the address stays in the outbox. */
@Entity
@Table(name = "BREACHES_NOTICE")
public class NoticeRecord {

    @Id
    @Column(name = "ID", length = 80)
    String id;

    @Column(name = "BREACH_ID", nullable = false, length = 36)
    String breachId;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "NOTIFIED_AT", nullable = false)
    Instant notifiedAt;

    @Column(name = "OUTCOME", nullable = false, length = 16)
    String outcome;

    @Column(name = "MAIL_ID", length = 100)
    String mailId;

    @Column(name = "REASON", length = 500)
    String reason;

    public NoticeRecord() {
    }

    static String id(String breachId, String personId) {
        return breachId + "/" + personId;
    }
}
