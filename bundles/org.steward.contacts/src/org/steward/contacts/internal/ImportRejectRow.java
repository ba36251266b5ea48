package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** The rejected records of an import and the values left out of its imported ones. Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_IMPORT_REJECT", indexes = @Index(name = "CONTACTS_REJECT_IMPORT", columnList = "IMPORT_ID, LINE_NO"))
public class ImportRejectRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "IMPORT_ID", length = 36, nullable = false) String importId;
    @Column(name = "LINE_NO", nullable = false) long line;
    @Column(name = "REASON", length = 1000, nullable = false) String reason;
    /** Null for a rejected record; the field of a value left out of an imported one. */
    @Column(name = "FIELD_NAME", length = 200) String field;

    protected ImportRejectRow() {
    }
}
