package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One event of a person's consent to a purpose (pending, granted, withdrawn). Rows are only added, never changed,
 * except by erasure and the purge of unconfirmed submissions. IP address and user agent are encrypted under the
 * person's key, bound to the row id and the field.
 */
@Entity
@Table(name = "CONSENT_RECORD", indexes = @Index(name = "CONSENT_RECORD_PERSON", columnList = "PERSON_ID,PURPOSE,SEQ"))
public class ConsentEventRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    /** Orders the events of a person (times may be equal under a simulated or coarse clock). */
    @Column(name = "SEQ", nullable = false)
    long seq;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "PURPOSE", nullable = false, length = 64)
    String purpose;

    @Column(name = "STATE", nullable = false, length = 16)
    String state;

    @Column(name = "PROOF_AT", nullable = false)
    Instant proofAt;

    @Column(name = "CHANNEL", nullable = false, length = 16)
    String channel;

    @Column(name = "FORM_NAME", nullable = false, length = 200)
    String formName;

    @Column(name = "TEXT_VERSION", nullable = false)
    int textVersion;

    @Column(name = "IP_ENC", length = 400)
    String ipEncrypted;

    @Column(name = "USER_AGENT_ENC", length = 2000)
    String userAgentEncrypted;

    @Column(name = "CONFIRMED_AT")
    Instant confirmedAt;

    @Column(name = "CONFIRM_IP_ENC", length = 400)
    String confirmIpEncrypted;

    @Column(name = "CONFIRM_USER_AGENT_ENC", length = 2000)
    String confirmUserAgentEncrypted;

    @Column(name = "RECORDED_AT", nullable = false)
    Instant recordedAt;

    @Column(name = "RECORDED_BY", nullable = false, length = 200)
    String recordedBy;

    public ConsentEventRecord() {
    }
}
