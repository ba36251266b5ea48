package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_CUSTOM_VALUE", indexes = @Index(name = "CONTACTS_CUSTOM_CONTACT", columnList = "CONTACT_ID"))
public class CustomValueRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "CONTACT_ID", length = 36, nullable = false) String contactId;
    @Column(name = "FIELD_NAME", length = 64, nullable = false) String field;
    @Column(name = "FIELD_VALUE", length = 8000) String value;
    @Column(name = "ENCRYPTED", nullable = false) int encrypted;

    protected CustomValueRow() {
    }
}
