package org.steward.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed entry of the audit log.
 *
 * @param seq its position in the chain, from 1, without gaps
 * @param time when it was recorded, UTC, to the microsecond
 * @param event what was recorded
 * @param previousHash the hash of the entry before it (hex), {@link AuditChain#GENESIS} for the first
 * @param hash {@code SHA-256(previousHash || canonical bytes of this entry)} in hex, see {@link AuditChain}
 */
public record AuditEntry(long seq, Instant time, AuditEvent event, String previousHash, String hash) {

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
