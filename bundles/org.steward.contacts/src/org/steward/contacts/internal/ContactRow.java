package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). Every index
 * is paid for on each imported row, so only lookups that must be fast have one, on 64-bit tokens of the blind indexes
 * ({@link Sealing#token}); the personal fields are one ciphertext ({@link Card}); an imported contact's source is
 * its import journal and line ({@code IMPORT_ID}, {@code IMPORT_KEY}). History in {@link ContactsSchema}.
 */
@Entity
@Table(name = "CONTACTS_CONTACT", indexes = {
        @Index(name = "CONTACTS_CONTACT_PERSON", columnList = "PERSON_ID"),
        @Index(name = "CONTACTS_CONTACT_EMAIL_TOKEN", columnList = "EMAIL_TOKEN"),
        @Index(name = "CONTACTS_CONTACT_PHONE_TOKEN", columnList = "PHONE_TOKEN"),
        @Index(name = "CONTACTS_CONTACT_MOBILE_TOKEN", columnList = "MOBILE_TOKEN"),
        @Index(name = "CONTACTS_CONTACT_LAST_TOKEN", columnList = "LAST_TOKEN"),
        @Index(name = "CONTACTS_CONTACT_FIRST_TOKEN", columnList = "FIRST_TOKEN") })
public class ContactRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "PERSON_ID", length = 36, nullable = false) String personId;
    @Column(name = "CARD", length = 12000) String card;
    @Column(name = "NOTES", length = 32000) String notes;
    @Column(name = "EMAIL_TOKEN") Long emailToken;
    @Column(name = "PHONE_TOKEN") Long phoneToken;
    @Column(name = "MOBILE_TOKEN") Long mobileToken;
    @Column(name = "LAST_TOKEN") Long lastToken;
    @Column(name = "FIRST_TOKEN") Long firstToken;
    @Column(name = "COMPANY_ID", length = 36) String companyId;
    @Column(name = "OWNER_USER_ID", length = 200) String ownerUserId;
    @Column(name = "TAGS", length = 2000) String tags;
    @Column(name = "CREATED_AT", nullable = false) long createdAt;
    @Column(name = "UPDATED_AT", nullable = false) long updatedAt;
    @Column(name = "LAST_ACTIVITY_AT", nullable = false) long lastActivityAt;
    @Column(name = "DELETED_AT") Long deletedAt;
    @Column(name = "MERGED_INTO", length = 36) String mergedInto;
    @Column(name = "IMPORT_KEY", length = 120) String importKey;
    @Column(name = "IMPORT_ID", length = 36) String importId;

    protected ContactRow() {
    }
}
