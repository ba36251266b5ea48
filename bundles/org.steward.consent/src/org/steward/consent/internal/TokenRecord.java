package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A link token: only its SHA-256 is stored; the token itself exists only in the mail. */
@Entity
@Table(name = "CONSENT_TOKEN", indexes = @Index(name = "CONSENT_TOKEN_PERSON", columnList = "PERSON_ID"))
public class TokenRecord {

    static final String CONFIRM = "CONFIRM";
    static final String REQUEST = "REQUEST";
    static final String UNSUBSCRIBE = "UNSUBSCRIBE";

    @Id
    @Column(name = "TOKEN_HASH", length = 64)
    String tokenHash;

    @Column(name = "KIND", nullable = false, length = 16)
    String kind;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    /** The purpose (confirmation, request) or the list (unsubscribe). */
    @Column(name = "SUBJECT", nullable = false, length = 64)
    String subject;

    /** The PENDING consent record a confirmation token confirms. */
    @Column(name = "RECORD_ID", length = 36)
    String recordId;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    Instant expiresAt;

    @Column(name = "USED_AT")
    Instant usedAt;

    @Column(name = "SUPERSEDED_AT")
    Instant supersededAt;

    /** Whether the submission created the contact (the purge may then delete it with the submission). */
    @Column(name = "CONTACT_CREATED", nullable = false)
    boolean contactCreated;

    @Column(name = "CONTACT_ID", length = 36)
    String contactId;

    @Column(name = "MAIL_ID", length = 64)
    String mailId;

    public TokenRecord() {
    }
}
