package org.steward.retention.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One purge run in the journal. */
@Entity
@Table(name = "RETENTION_RUN")
public class RunRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "DRY_RUN", nullable = false)
    boolean dryRun;

    @Column(name = "TRIGGER_NAME", nullable = false, length = 16)
    String trigger;

    @Column(name = "ACTOR_ID", nullable = false, length = 200)
    String actorId;

    /** Every cutoff of the run is computed from this time, so that completing the run later changes none. */
    @Column(name = "REFERENCE_TIME", nullable = false)
    Instant referenceTime;

    @Column(name = "STARTED_AT", nullable = false)
    Instant startedAt;

    @Column(name = "FINISHED_AT")
    Instant finishedAt;

    /** A {@link org.steward.retention.RunState} name. */
    @Column(name = "STATE", nullable = false, length = 16)
    String state;

    /** The day (ISO date in the configured zone) a scheduled run was for; null for other runs. */
    @Column(name = "SCHEDULED_FOR", length = 10)
    String scheduledFor;

    public RunRecord() {
    }
}
