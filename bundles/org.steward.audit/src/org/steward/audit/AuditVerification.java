package org.steward.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of a verification of the chain.
 *
 * @param checked how many entries were checked
 * @param firstSeq the first sequence number checked (0 when the log is empty)
 * @param lastSeq the last sequence number checked (0 when the log is empty)
 * @param anchorsChecked how many anchors from the anchors file were compared with the table
 * @param took how long it took
 * @param broken the first broken entry, empty when the chain is intact
 */
public record AuditVerification(long checked, long firstSeq, long lastSeq, int anchorsChecked, Duration took,
        Optional<Break> broken) {

    /** Why an entry breaks the chain. */
    public enum Problem {
        /** The entry's content no longer matches its hash: it was edited. */
        EDITED,
        /** Entries are missing: a gap in the sequence, or the log ends before its recorded head or an anchor. */
        DELETED,
        /** An entry that the chain never held: past the recorded head, or with an impossible sequence number. */
        INSERTED,
        /** The entry does not follow its predecessor: entries were swapped, moved, or one was inserted here. */
        REORDERED,
        /**
         * The table is consistent in itself but disagrees with an anchor written outside the database: the chain was
         * rewritten from that point on.
         */
        ANCHOR_MISMATCH
    }

    /**
     * The first broken entry.
     *
     * @param seq the sequence number of the first entry that is wrong or missing
     * @param problem what is wrong
     * @param reason an explanation for the administrator
     */
    public record Break(long seq, Problem problem, String reason) {

        @Override
        public String toString() {
            return "entry " + seq + ": " + problem + " - " + reason;
        }
    }

    public AuditVerification {
        broken = broken == null ? Optional.empty() : broken;
    }

    public boolean intact() {
        return broken.isEmpty();
    }

    /** The sequence number of the first broken entry, empty when intact. */
    public OptionalLong brokenSeq() {
        return broken.isPresent() ? OptionalLong.of(broken.get().seq()) : OptionalLong.empty();
    }
}
