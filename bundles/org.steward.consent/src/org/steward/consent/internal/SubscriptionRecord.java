package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One subscribe or unsubscribe event; the newest event of a person and list is the current state. */
@Entity
@Table(name = "CONSENT_SUBSCRIPTION",
        indexes = @Index(name = "CONSENT_SUBSCRIPTION_PERSON", columnList = "PERSON_ID,LIST_NAME,SEQ"))
public class SubscriptionRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "SEQ", nullable = false)
    long seq;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "LIST_NAME", nullable = false, length = 64)
    String list;

    @Column(name = "SUBSCRIBED", nullable = false)
    boolean subscribed;

    @Column(name = "CHANNEL", nullable = false, length = 16)
    String channel;

    @Column(name = "HOW", nullable = false, length = 64)
    String how;

    @Column(name = "RECORDED_AT", nullable = false)
    Instant recordedAt;

    @Column(name = "RECORDED_BY", nullable = false, length = 200)
    String recordedBy;

    public SubscriptionRecord() {
    }
}
