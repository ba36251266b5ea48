package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Schema only: a resume of an import, by whom and after which line, so that the contacts of the lines after it name
 * the user who imported them and not the one who started the file.
 */
@Entity
@Table(name = "CONTACTS_IMPORT_RUN", indexes = @Index(name = "CONTACTS_IMPORT_RUN_IMPORT", columnList = "IMPORT_ID"))
public class ImportRunRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "IMPORT_ID", length = 36, nullable = false) String importId;
    @Column(name = "AFTER_LINE", nullable = false) long afterLine;
    @Column(name = "USER_ID", length = 200) String userId;
    @Column(name = "STARTED_AT", nullable = false) long startedAt;

    protected ImportRunRow() {
    }
}
