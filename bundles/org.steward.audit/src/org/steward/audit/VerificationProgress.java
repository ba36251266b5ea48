package org.steward.audit;

import org.osgi.annotation.versioning.ConsumerType;

/** Told how far a verification of a large log has got, after every page of entries. */
@ConsumerType
@FunctionalInterface
public interface VerificationProgress {

    VerificationProgress NONE = (checked, lastSeq) -> {
    };

    /**
     * @param checked entries checked so far
     * @param lastSeq the sequence number of the last entry checked
     */
    void progress(long checked, long lastSeq);
}
