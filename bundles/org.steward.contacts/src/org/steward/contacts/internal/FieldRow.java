package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_FIELD")
public class FieldRow {

    @Id @Column(name = "NAME", length = 64) String name;
    @Column(name = "LABEL", length = 200) String label;
    @Column(name = "CLASSIFICATION", length = 20, nullable = false) String classification;
    @Column(name = "MAX_LENGTH", nullable = false) int maxLength;
    @Column(name = "CREATED_AT", nullable = false) long createdAt;

    protected FieldRow() {
    }
}
