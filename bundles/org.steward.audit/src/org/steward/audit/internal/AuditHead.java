package org.steward.audit.internal;

import org.steward.audit.AuditChain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row of {@code AUDIT_HEAD}: the last sequence number and hash of the chain. Every writer locks it (pessimistic
 * write lock) in the transaction that appends, so that several Steward servers sharing one database still build one
 * chain; verification compares the end of the table with it.
 */
@Entity
@Table(name = "AUDIT_HEAD")
public class AuditHead {

    static final long ID = 1L;

    @Id
    @Column(name = "ID")
    private long id;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    @Column(name = "LAST_HASH", nullable = false, length = 64)
    private String lastHash;

    @Column(name = "LAST_TIME_MICROS", nullable = false)
    private long lastTimeMicros;

    protected AuditHead() {
    }

    static AuditHead genesis() {
        return at(0, AuditChain.GENESIS, 0);
    }

    static AuditHead at(long seq, String hash, long timeMicros) {
        AuditHead head = new AuditHead();
        head.id = ID;
        head.lastSeq = seq;
        head.lastHash = hash;
        head.lastTimeMicros = timeMicros;
        return head;
    }

    long lastSeq() {
        return lastSeq;
    }

    String lastHash() {
        return lastHash == null ? "" : lastHash;
    }

    void advance(long seq, String hash, long timeMicros) {
        this.lastSeq = seq;
        this.lastHash = hash;
        this.lastTimeMicros = timeMicros;
    }
}
