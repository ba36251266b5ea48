package org.steward.rights.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.steward.rights.ErasureStep;
import org.steward.rights.StepState;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One row of {@code RIGHTS_ERASURE_STEP}: one module's part of an erasure journal. */
@Entity
@Table(name = "RIGHTS_ERASURE_STEP")
@IdClass(ErasureStepRecord.Key.class)
public class ErasureStepRecord {

    /** Separates retention reasons in {@code RETAINED}. */
    static final String SEPARATOR = "\n";

    /** The composite key: request and module. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String requestId;
        String module;

        public Key() {
        }

        Key(String requestId, String module) {
            this.requestId = requestId;
            this.module = module;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.requestId.equals(requestId) && k.module.equals(module);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, module);
        }
    }

    @Id
    @Column(name = "REQUEST_ID", length = 36)
    String requestId;

    @Id
    @Column(name = "MODULE", length = 100)
    String module;

    @Column(name = "STATE", nullable = false, length = 16)
    String state;

    @Column(name = "DELETED", nullable = false)
    int deleted;

    @Column(name = "ANONYMISED", nullable = false)
    int anonymised;

    @Column(name = "RETAINED", length = 2000)
    String retained;

    @Column(name = "ERROR", length = 500)
    String error;

    @Column(name = "ATTEMPTS", nullable = false)
    int attempts;

    @Column(name = "FINISHED_AT")
    Instant finishedAt;

    ErasureStep toStep() {
        List<String> reasons = retained == null || retained.isEmpty() ? List.of()
                : Arrays.asList(retained.split(SEPARATOR));
        return new ErasureStep(module, StepState.valueOf(state), deleted, anonymised, reasons, error,
                Optional.ofNullable(finishedAt));
    }
}
