package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). Every index
 * is paid for on each imported row, so only lookups that must be fast have one; the import key and the deletion time
 * are read with the row or by a scan of the daily purge ({@link ContactsSchema}).
 */
@Entity
@Table(name = "CONTACTS_CONTACT", indexes = {
        @Index(name = "CONTACTS_CONTACT_PERSON", columnList = "PERSON_ID"),
        @Index(name = "CONTACTS_CONTACT_EMAIL", columnList = "EMAIL_INDEX"),
        @Index(name = "CONTACTS_CONTACT_PHONE", columnList = "PHONE_INDEX"),
        @Index(name = "CONTACTS_CONTACT_MOBILE", columnList = "MOBILE_INDEX"),
        @Index(name = "CONTACTS_CONTACT_FIRST", columnList = "FIRST_PREFIX_INDEX"),
        @Index(name = "CONTACTS_CONTACT_LAST", columnList = "LAST_PREFIX_INDEX") })
public class ContactRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "PERSON_ID", length = 36, nullable = false) String personId;
    @Column(name = "FIRST_NAME", length = 1200) String firstName;
    @Column(name = "LAST_NAME", length = 1200) String lastName;
    @Column(name = "EMAIL", length = 1200) String email;
    @Column(name = "EMAIL_INDEX", length = 64) String emailIndex;
    @Column(name = "PHONE", length = 400) String phone;
    @Column(name = "PHONE_INDEX", length = 64) String phoneIndex;
    @Column(name = "MOBILE", length = 400) String mobile;
    @Column(name = "MOBILE_INDEX", length = 64) String mobileIndex;
    @Column(name = "STREET", length = 1200) String street;
    @Column(name = "POSTAL_CODE", length = 400) String postalCode;
    @Column(name = "CITY", length = 1200) String city;
    @Column(name = "REGION", length = 1200) String region;
    @Column(name = "COUNTRY", length = 400) String country;
    @Column(name = "BIRTH_DATE", length = 400) String birthDate;
    @Column(name = "LANGUAGE_TAG", length = 400) String language;
    @Column(name = "NOTES", length = 32000) String notes;
    @Column(name = "FIRST_PREFIX_INDEX", length = 64) String firstPrefixIndex;
    @Column(name = "LAST_PREFIX_INDEX", length = 64) String lastPrefixIndex;
    @Column(name = "COMPANY_ID", length = 36) String companyId;
    @Column(name = "OWNER_USER_ID", length = 200) String ownerUserId;
    @Column(name = "TAGS", length = 2000) String tags;
    @Column(name = "RESTRICTED", nullable = false) int restricted;
    @Column(name = "CREATED_AT", nullable = false) long createdAt;
    @Column(name = "UPDATED_AT", nullable = false) long updatedAt;
    @Column(name = "LAST_ACTIVITY_AT", nullable = false) long lastActivityAt;
    @Column(name = "DELETED_AT") Long deletedAt;
    @Column(name = "MERGED_INTO", length = 36) String mergedInto;
    @Column(name = "IMPORT_KEY", length = 120) String importKey;

    protected ContactRow() {
    }
}
