package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One cookie choice with its proof; the newest of a person is in force. */
@Entity
@Table(name = "CONSENT_COOKIE", indexes = @Index(name = "CONSENT_COOKIE_PERSON", columnList = "PERSON_ID,SEQ"))
public class CookieRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "SEQ", nullable = false)
    long seq;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "PREFERENCES", nullable = false)
    boolean preferences;

    @Column(name = "STATISTICS", nullable = false)
    boolean statistics;

    @Column(name = "MARKETING", nullable = false)
    boolean marketing;

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

    @Column(name = "RECORDED_AT", nullable = false)
    Instant recordedAt;

    @Column(name = "RECORDED_BY", nullable = false, length = 200)
    String recordedBy;

    public CookieRecord() {
    }
}
