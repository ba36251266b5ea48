package org.steward.mail.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One row of {@code MAIL_MESSAGE}. The content columns (recipient, subject, bodies, headers) hold ciphertext under
 * the person's key when the mail is about a person ({@code ENCRYPTED}), and are set to NULL once the mail no longer
 * needs them; the rest is status metadata. Times are microseconds since the epoch (UTC) in BIGINTs.
 */
@Entity
@Table(name = "MAIL_MESSAGE", indexes = { @Index(name = "MAIL_MESSAGE_DUE", columnList = "STATE, NEXT_MICROS"),
        @Index(name = "MAIL_MESSAGE_PERSON", columnList = "PERSON_ID") })
public class MailRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Version
    @Column(name = "VERSION")
    long version;

    @Column(name = "PERSON_ID", length = 36)
    String personId;

    @Column(name = "PURPOSE", nullable = false, length = 100)
    String purpose;

    @Column(name = "TEMPLATE", length = 100)
    String template;

    @Column(name = "STATE", nullable = false, length = 16)
    String state;

    @Column(name = "ATTEMPTS", nullable = false)
    int attempts;

    @Column(name = "QUEUED_MICROS", nullable = false)
    long queuedMicros;

    @Column(name = "NEXT_MICROS")
    Long nextMicros;

    @Column(name = "SENT_MICROS")
    Long sentMicros;

    /** When the mail reached its final state (sent, failed, cancelled). */
    @Column(name = "DONE_MICROS")
    Long doneMicros;

    @Column(name = "LAST_ERROR", length = 1000)
    String lastError;

    @Column(name = "MESSAGE_ID", nullable = false, length = 250)
    String messageId;

    @Column(name = "ENCRYPTED", nullable = false)
    boolean encrypted;

    @Lob
    @Column(name = "RECIPIENT")
    String recipient;

    @Lob
    @Column(name = "SUBJECT")
    String subject;

    @Lob
    @Column(name = "TEXT_BODY")
    String textBody;

    @Lob
    @Column(name = "HTML_BODY")
    String htmlBody;

    @Lob
    @Column(name = "HEADERS")
    String headers;

    public MailRecord() {
    }

    boolean hasContent() {
        return recipient != null;
    }

    void dropContent() {
        recipient = null;
        subject = null;
        textBody = null;
        htmlBody = null;
        headers = null;
    }
}
