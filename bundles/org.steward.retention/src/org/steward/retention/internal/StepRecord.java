package org.steward.retention.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** One step of a purge run: its plan (module, category, cutoff) is fixed when the run starts. */
@Entity
@Table(name = "RETENTION_STEP")
public class StepRecord {

    @Id
    @Column(name = "ID", length = 48)
    String id;

    @Column(name = "RUN_ID", nullable = false, length = 36)
    String runId;

    @Column(name = "SEQ", nullable = false)
    int seq;

    @Column(name = "MODULE", nullable = false, length = 100)
    String module;

    @Column(name = "CATEGORY", nullable = false, length = 100)
    String category;

    /** A {@link org.steward.core.spi.RetentionCategory.Action} name. */
    @Column(name = "ACTION_NAME", nullable = false, length = 16)
    String action;

    @Column(name = "CUTOFF", nullable = false)
    Instant cutoff;

    /** A {@link org.steward.retention.StepState} name. */
    @Column(name = "STATE", nullable = false, length = 16)
    String state;

    @Column(name = "AFFECTED", nullable = false)
    int affected;

    /** Technical record ids, one per line (never personal values). */
    @Lob
    @Column(name = "RECORD_IDS")
    String recordIds;

    @Column(name = "ERROR", length = 500)
    String error;

    @Column(name = "ATTEMPTS", nullable = false)
    int attempts;

    @Column(name = "FINISHED_AT")
    Instant finishedAt;

    public StepRecord() {
    }
}
