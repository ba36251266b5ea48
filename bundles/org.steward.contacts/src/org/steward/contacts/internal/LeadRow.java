package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_LEAD", indexes = { @Index(name = "CONTACTS_LEAD_PERSON", columnList = "PERSON_ID"),
        @Index(name = "CONTACTS_LEAD_EMAIL", columnList = "EMAIL_INDEX") })
public class LeadRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "PERSON_ID", length = 36, nullable = false) String personId;
    @Column(name = "FIRST_NAME", length = 1200) String firstName;
    @Column(name = "LAST_NAME", length = 1200) String lastName;
    @Column(name = "EMAIL", length = 1200) String email;
    @Column(name = "EMAIL_INDEX", length = 64) String emailIndex;
    @Column(name = "COMPANY_NAME", length = 300) String companyName;
    @Column(name = "OWNER_USER_ID", length = 200) String ownerUserId;
    @Column(name = "CREATED_AT", nullable = false) long createdAt;
    @Column(name = "LAST_ACTIVITY_AT", nullable = false) long lastActivityAt;
    @Column(name = "DELETED_AT") Long deletedAt;
    @Column(name = "CONVERTED_TO", length = 36) String convertedTo;

    protected LeadRow() {
    }
}
