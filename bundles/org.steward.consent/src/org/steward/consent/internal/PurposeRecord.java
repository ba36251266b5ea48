package org.steward.consent.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A purpose; no personal data. */
@Entity
@Table(name = "CONSENT_PURPOSE")
public class PurposeRecord {

    @Id
    @Column(name = "NAME", length = 64)
    String name;

    @Column(name = "DESCRIPTION", nullable = false, length = 1000)
    String description;

    @Column(name = "NEEDS_CONSENT", nullable = false)
    boolean needsConsent;

    @Column(name = "BUILT_IN", nullable = false)
    boolean builtIn;

    @Column(name = "CURRENT_VERSION", nullable = false)
    int currentVersion;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    public PurposeRecord() {
    }
}
