package org.steward.tickets.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The restriction lock (Art. 18) on a person's tickets. */
@Entity
@Table(name = "TICKETS_RESTRICTION")
public class RestrictionRecord {

    @Id
    @Column(name = "PERSON_ID", length = 36)
    String personId;

    @Column(name = "RESTRICTED_AT", nullable = false)
    Instant restrictedAt;

    public RestrictionRecord() {
    }

    RestrictionRecord(String personId, Instant restrictedAt) {
        this.personId = personId;
        this.restrictedAt = restrictedAt;
    }
}
