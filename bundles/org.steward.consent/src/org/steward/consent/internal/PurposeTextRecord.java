package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One language of one version of a consent text; never changed once published. */
@Entity
@Table(name = "CONSENT_TEXT", indexes = @Index(name = "CONSENT_TEXT_PURPOSE", columnList = "PURPOSE,VERSION"))
public class PurposeTextRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "PURPOSE", nullable = false, length = 64)
    String purpose;

    @Column(name = "VERSION", nullable = false)
    int version;

    @Column(name = "LANGUAGE", nullable = false, length = 35)
    String language;

    @Column(name = "TEXT", nullable = false, length = 8000)
    String text;

    @Column(name = "PUBLISHED_AT", nullable = false)
    Instant publishedAt;

    public PurposeTextRecord() {
    }
}
