package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_COMPANY", indexes = @Index(name = "CONTACTS_COMPANY_KEY", columnList = "NAME_KEY"))
public class CompanyRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "NAME", length = 300, nullable = false) String name;
    @Column(name = "NAME_KEY", length = 300, nullable = false) String nameKey;
    @Column(name = "DOMAIN", length = 300) String domain;
    @Column(name = "OWNER_USER_ID", length = 200) String ownerUserId;
    @Column(name = "CREATED_AT", nullable = false) long createdAt;
    @Column(name = "DELETED_AT") Long deletedAt;

    protected CompanyRow() {
    }
}
