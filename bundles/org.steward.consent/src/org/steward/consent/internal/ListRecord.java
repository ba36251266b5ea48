package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A mailing list; no personal data. */
@Entity
@Table(name = "CONSENT_LIST")
public class ListRecord {

    @Id
    @Column(name = "NAME", length = 64)
    String name;

    @Column(name = "PURPOSE", nullable = false, length = 64)
    String purpose;

    @Column(name = "DESCRIPTION", nullable = false, length = 1000)
    String description;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    public ListRecord() {
    }
}
