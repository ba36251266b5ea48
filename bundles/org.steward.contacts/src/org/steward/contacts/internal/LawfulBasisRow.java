package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_LAWFUL_BASIS", indexes = @Index(name = "CONTACTS_BASIS_CONTACT", columnList = "CONTACT_ID"))
public class LawfulBasisRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "CONTACT_ID", length = 36, nullable = false) String contactId;
    @Column(name = "PURPOSE", length = 100, nullable = false) String purpose;
    @Column(name = "BASIS", length = 30, nullable = false) String basis;
    @Column(name = "JUSTIFICATION", length = 4000) String justification;
    @Column(name = "LAST_REVIEWED", length = 10, nullable = false) String lastReviewed;

    protected LawfulBasisRow() {
    }
}
