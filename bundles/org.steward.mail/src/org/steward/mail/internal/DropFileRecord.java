package org.steward.mail.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One row of {@code MAIL_DROP_FILE}: an .eml file the file transport wrote, and the person it is about, so that an
 * erasure finds and deletes it. The row is written before the file appears, so no file is ever untracked.
 */
@Entity
@Table(name = "MAIL_DROP_FILE", indexes = @Index(name = "MAIL_DROP_FILE_PERSON", columnList = "PERSON_ID"))
public class DropFileRecord {

    @Id
    @Column(name = "FILE_NAME", length = 200)
    String fileName;

    @Column(name = "PERSON_ID", length = 36)
    String personId;

    @Column(name = "MESSAGE_ID", nullable = false, length = 250)
    String messageId;

    @Column(name = "WRITTEN_MICROS", nullable = false)
    long writtenMicros;

    public DropFileRecord() {
    }
}
