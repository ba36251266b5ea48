package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_SOURCE", indexes = @Index(name = "CONTACTS_SOURCE_OWNER", columnList = "OWNER_ID"))
public class SourceRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "OWNER_ID", length = 36, nullable = false) String ownerId;
    @Column(name = "SOURCE_TYPE", length = 20, nullable = false) String type;
    @Column(name = "SOURCE_NAME", length = 1200) String name;
    @Column(name = "DETAILS", length = 8000) String details;
    @Column(name = "COLLECTED_AT", nullable = false) long collectedAt;
    @Column(name = "POSITION", nullable = false) int position;

    protected SourceRow() {
    }
}
