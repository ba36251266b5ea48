package org.steward.mail.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code MAIL_RESTRICTION}: a person whose processing is restricted (Art. 18); their mail is held. */
@Entity
@Table(name = "MAIL_RESTRICTION")
public class RestrictionRecord {

    @Id
    @Column(name = "PERSON_ID", length = 36)
    String personId;

    @Column(name = "SINCE_MICROS", nullable = false)
    long sinceMicros;

    public RestrictionRecord() {
    }
}
