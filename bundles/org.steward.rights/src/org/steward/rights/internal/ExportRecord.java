package org.steward.rights.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One row of {@code RIGHTS_EXPORT}: an export package written for a person, so that erasing the person deletes it. The
 * path may name the person, so it is stored encrypted under the person's key (unreadable once the key is shredded).
 */
@Entity
@Table(name = "RIGHTS_EXPORT", indexes = @Index(name = "RIGHTS_EXPORT_PERSON", columnList = "PERSON_ID"))
public class ExportRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "REQUEST_ID", length = 36)
    String requestId;

    @Column(name = "PATH_CIPHER", nullable = false, length = 4000)
    String pathCipher;

    @Column(name = "WRITTEN_BY", nullable = false, length = 200)
    String writtenBy;

    @Column(name = "WRITTEN_AT", nullable = false)
    Instant writtenAt;
}
