package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Schema only: the decision to create a contact although its person was erased before. The reason is free text a
 * user typed, so it is sealed under the person's key like the contact itself and never written to the audit trail.
 */
@Entity
@Table(name = "CONTACTS_BLOCKLIST_OVERRIDE", indexes = @Index(name = "CONTACTS_OVERRIDE_CONTACT",
        columnList = "CONTACT_ID"))
public class OverrideRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "CONTACT_ID", length = 36, nullable = false) String contactId;
    @Column(name = "REASON", length = 12000, nullable = false) String reason;
    @Column(name = "USER_ID", length = 200) String userId;
    @Column(name = "DECIDED_AT", nullable = false) long decidedAt;
    @Column(name = "ERASED_AT", nullable = false) long erasedAt;

    protected OverrideRow() {
    }
}
