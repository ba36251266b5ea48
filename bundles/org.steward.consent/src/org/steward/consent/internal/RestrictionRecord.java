package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The restriction lock of a person (Art. 18) in this module. */
@Entity
@Table(name = "CONSENT_RESTRICTION")
public class RestrictionRecord {

    @Id
    @Column(name = "PERSON_ID", length = 36)
    String personId;

    @Column(name = "SINCE", nullable = false)
    Instant since;

    public RestrictionRecord() {
    }
}
