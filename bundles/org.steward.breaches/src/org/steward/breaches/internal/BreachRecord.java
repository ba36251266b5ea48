package org.steward.breaches.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A breach in the register. The free texts may name staff; they are kept as entered (the register is documentation
 * for the authority) and never logged or audited.
 */
@Entity
@Table(name = "BREACHES_BREACH")
public class BreachRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "DISCOVERED_AT", nullable = false)
    Instant discoveredAt;

    @Column(name = "AWARE_AT", nullable = false)
    Instant awareAt;

    @Lob
    @Column(name = "NATURE")
    String nature;

    @Lob
    @Column(name = "SUBJECT_CATEGORIES")
    String subjectCategories;

    @Column(name = "APPROX_SUBJECTS", nullable = false)
    long approxSubjects;

    @Lob
    @Column(name = "DATA_CATEGORIES")
    String dataCategories;

    @Column(name = "APPROX_RECORDS", nullable = false)
    long approxRecords;

    @Lob
    @Column(name = "CONSEQUENCES")
    String consequences;

    @Lob
    @Column(name = "MEASURES")
    String measures;

    @Column(name = "CONTACT_POINT", length = 1000)
    String contactPoint;

    @Column(name = "RISK", nullable = false, length = 16)
    String risk;

    @Column(name = "STATUS", nullable = false, length = 16)
    String status;

    @Column(name = "AUTHORITY_NOTIFIED_AT")
    Instant authorityNotifiedAt;

    @Column(name = "AUTHORITY_REFERENCE", length = 200)
    String authorityReference;

    @Lob
    @Column(name = "DELAY_REASONS")
    String delayReasons;

    @Column(name = "AUTHORITY_RECORDED_BY", length = 200)
    String authorityRecordedBy;

    @Column(name = "OVERDUE_ALERTED_AT")
    Instant overdueAlertedAt;

    @Column(name = "RECORDED_AT", nullable = false)
    Instant recordedAt;

    @Column(name = "RECORDED_BY", nullable = false, length = 200)
    String recordedBy;

    @Column(name = "UPDATED_AT", nullable = false)
    Instant updatedAt;

    public BreachRecord() {
    }
}
