package org.steward.retention.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An administrator's retention period for one category of one module, overriding the module's default. */
@Entity
@Table(name = "RETENTION_POLICY")
public class PolicyRecord {

    @Id
    @Column(name = "ID", length = 201)
    String id;

    @Column(name = "MODULE", nullable = false, length = 100)
    String module;

    @Column(name = "CATEGORY", nullable = false, length = 100)
    String category;

    @Column(name = "MONTHS", nullable = false)
    int months;

    @Column(name = "UPDATED_AT", nullable = false)
    Instant updatedAt;

    @Column(name = "UPDATED_BY", nullable = false, length = 200)
    String updatedBy;

    public PolicyRecord() {
    }

    static String id(String module, String category) {
        return module + "/" + category;
    }
}
