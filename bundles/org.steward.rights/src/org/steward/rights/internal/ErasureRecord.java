package org.steward.rights.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One row of {@code RIGHTS_ERASURE}: the head of an erasure journal. The blind indexes of the person's e-mail addresses
 * and phone numbers are collected before any module deletes anything and kept here until they are in the erasure
 * blocklist; then they are cleared.
 */
@Entity
@Table(name = "RIGHTS_ERASURE", indexes = @Index(name = "RIGHTS_ERASURE_STATE", columnList = "STATE"))
public class ErasureRecord {

    @Id
    @Column(name = "REQUEST_ID", length = 36)
    String requestId;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "STATE", nullable = false, length = 16)
    String state;

    /** Blind indexes separated by ',' (Base64url never contains it); null once handed to the blocklist. */
    @Column(name = "BLIND_INDEXES", length = 4000)
    String blindIndexes;

    @Column(name = "IDENTIFIERS", nullable = false)
    int identifiers;

    @Column(name = "EXPORTS_DELETED", nullable = false)
    int exportsDeleted;

    @Column(name = "STARTED_BY", nullable = false, length = 200)
    String startedBy;

    @Column(name = "STARTED_AT", nullable = false)
    Instant startedAt;

    @Column(name = "FINISHED_AT")
    Instant finishedAt;
}
