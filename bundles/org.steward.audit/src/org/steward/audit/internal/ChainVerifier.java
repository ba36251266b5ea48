package org.steward.audit.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

import org.steward.audit.AuditChain;
import org.steward.audit.AuditVerification;
import org.steward.audit.AuditVerification.Break;
import org.steward.audit.AuditVerification.Problem;
import org.steward.audit.VerificationProgress;
import org.steward.persistence.Transactions;
import org.steward.audit.internal.Anchors.Anchor;


/**
 * Walks the chain in sequence order, one page at a time (memory stays constant), recomputes every hash and compares the
 * table with its head row and with the anchors file. Stops at the first broken entry.
 */
final class ChainVerifier {

    private static final String READ_ONLY = "eclipselink.read-only";

    private final Transactions tx;
    private final Anchors anchors;
    private final int pageSize;

    ChainVerifier(Transactions tx, Anchors anchors, int pageSize) {
        this.tx = tx;
        this.anchors = anchors;
        this.pageSize = pageSize;
    }

    AuditVerification verify(long fromSeq, long toSeq, VerificationProgress progress) {
        long started = System.nanoTime();
        boolean full = fromSeq == 1 && toSeq == Long.MAX_VALUE;
        Optional<AuditHead> headAtStart = head();
        NavigableMap<Long, List<Anchor>> anchored = anchors.read().subMap(fromSeq, true, toSeq, true);
        int[] anchorsChecked = { 0 };
        long checked = 0;
        long lastSeq = 0;
        String previous;
        long expected = fromSeq;

        Break broken = null;
        if (fromSeq == 1) {
            previous = AuditChain.GENESIS;
            broken = belowOne();
        } else {
            Optional<AuditRecord> before = record(fromSeq - 1);
            if (before.isEmpty()) {
                broken = new Break(fromSeq - 1, Problem.DELETED,
                        "the entry before the range is missing; verify from an earlier entry");
            }
            previous = before.map(AuditRecord::hash).orElse("");
        }

        pages: while (broken == null) {
            List<AuditRecord> page = page(expected, toSeq);
            if (page.isEmpty()) {
                break;
            }
            for (AuditRecord row : page) {
                long seq = row.seq();
                if (seq != expected) {
                    broken = new Break(expected, Problem.DELETED, seq == expected + 1
                            ? "entry " + expected + " is missing: the log jumps from " + (expected - 1) + " to " + seq
                            : "entries " + expected + " to " + (seq - 1) + " are missing: the log jumps from "
                                    + (expected - 1) + " to " + seq);
                    break pages;
                }
                if (!row.previousHash().equals(previous)) {
                    broken = new Break(seq, Problem.REORDERED, "it does not follow entry " + (seq - 1)
                            + " (its previous hash differs): entries were swapped or moved here, or it was inserted");
                    break pages;
                }
                String hash = AuditChain.hash(previous, row.canonicalBytes());
                if (!hash.equals(row.hash())) {
                    broken = new Break(seq, Problem.EDITED,
                            "its content no longer matches its hash: it was edited after it was written");
                    break pages;
                }
                broken = checkAnchors(anchored.get(seq), row, anchorsChecked);
                if (broken != null) {
                    break pages;
                }
                previous = hash;
                lastSeq = seq;
                expected = seq + 1;
                checked++;
            }
            progress.progress(checked, lastSeq);
        }

        if (broken == null) {
            broken = anchorsBeyond(anchored, lastSeq, fromSeq, anchorsChecked);
        }
        if (broken == null && full) {
            broken = checkHead(headAtStart, head(), lastSeq, previous);
        }
        return new AuditVerification(checked, checked == 0 ? 0 : fromSeq, lastSeq, anchorsChecked[0],
                Duration.ofNanos(System.nanoTime() - started), Optional.ofNullable(broken));
    }

    private static Break checkAnchors(List<Anchor> atSeq, AuditRecord row, int[] anchorsChecked) {
        if (atSeq == null) {
            return null;
        }
        for (Anchor anchor : atSeq) {
            anchorsChecked[0]++;
            if (!anchor.hash().equals(row.hash())) {
                return new Break(row.seq(), Problem.ANCHOR_MISMATCH, "its hash differs from the anchor written at "
                        + anchor.time() + ": the chain up to this entry was rewritten in the database");
            }
        }
        return null;
    }

    private static Break anchorsBeyond(NavigableMap<Long, List<Anchor>> anchored, long lastSeq, long fromSeq,
            int[] anchorsChecked) {
        Map.Entry<Long, List<Anchor>> beyond = anchored.higherEntry(Math.max(lastSeq, fromSeq - 1));
        if (beyond == null) {
            return null;
        }
        anchorsChecked[0]++;
        Anchor anchor = beyond.getValue().get(0);
        return new Break(lastSeq + 1, Problem.DELETED, "the anchors file records entry " + anchor.seq()
                + " (written at " + anchor.time() + "), but the log ends at entry " + lastSeq);
    }

    private static Break checkHead(Optional<AuditHead> atStart, Optional<AuditHead> atEnd, long lastSeq,
            String lastHash) {
        if (atEnd.isEmpty()) {
            return lastSeq == 0 ? null
                    : new Break(lastSeq, Problem.DELETED, "the head row (AUDIT_HEAD) that records the end of the "
                            + "chain is missing");
        }
        long startSeq = atStart.map(AuditHead::lastSeq).orElse(0L);
        AuditHead end = atEnd.get();
        if (lastSeq < startSeq) {
            return new Break(lastSeq + 1, Problem.DELETED,
                    "the log ends at entry " + lastSeq + " but its head records entry " + startSeq);
        }
        if (lastSeq > end.lastSeq()) {
            return new Break(end.lastSeq() + 1, Problem.INSERTED, "the head records entry " + end.lastSeq()
                    + " as the last one; entries after it were never written by Steward");
        }
        if (lastSeq == end.lastSeq() && !lastHash.equals(end.lastHash())) {
            return new Break(lastSeq, Problem.EDITED, "the last entry's hash differs from the one its head recorded: "
                    + "it was replaced");
        }
        return null;
    }

    private Break belowOne() {
        Long min = tx.read(em -> em.createQuery("SELECT MIN(r.seq) FROM AuditRecord r", Long.class).getSingleResult());
        return min != null && min < 1 ? new Break(min, Problem.INSERTED,
                "sequence numbers start at 1: this entry was never written by Steward") : null;
    }

    private List<AuditRecord> page(long fromSeq, long toSeq) {
        return tx.read(em -> em.createQuery(
                "SELECT r FROM AuditRecord r WHERE r.seq >= :from AND r.seq <= :to ORDER BY r.seq", AuditRecord.class)
                .setParameter("from", fromSeq).setParameter("to", toSeq).setHint(READ_ONLY, "true")
                .setMaxResults(pageSize).getResultList());
    }

    private Optional<AuditRecord> record(long seq) {
        return tx.read(em -> Optional.ofNullable(em.find(AuditRecord.class, seq)));
    }

    private Optional<AuditHead> head() {
        return tx.read(em -> Optional.ofNullable(em.find(AuditHead.class, AuditHead.ID)));
    }
}
