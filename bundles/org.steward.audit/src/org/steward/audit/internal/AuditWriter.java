package org.steward.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditChain;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.core.ConflictException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.persistence.Transactions;

import jakarta.persistence.LockModeType;

/**
 * Appends events to the hash chain. Appends go through a queue to one writer thread of the log's own, which takes what
 * is waiting (up to {@code maxBatch} entries), locks the head row, assigns sequence numbers and hashes, inserts the
 * entries in one transaction, commits, and only then completes the callers' futures.
 * <p>
 * The thread stays rather than moving to core's scheduler: it is the single writer that serialises the chain (each
 * entry's hash covers the one before it, so appends must be ordered), it blocks on the queue for its whole life, and
 * a pool shared by every module must never be held by one module's endless task.
 */
final class AuditWriter {

    private record Pending(AuditEvent event, CompletableFuture<AuditEntry> done) {
    }

    private final Logger logger;
    private final Transactions tx;
    private final Anchors anchors;
    private final Supplier<Instant> now;
    private final int anchorInterval;
    private final int maxBatch;
    private final long timeoutSeconds;
    private final BlockingQueue<Pending> queue;
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread writer;
    private volatile boolean closed;
    /** The last entry this writer committed, anchored at shutdown. Written by the writer thread only. */
    private volatile AuditEntry lastWritten;

    AuditWriter(Logger logger, Transactions tx, Anchors anchors, Supplier<Instant> now, AuditConfiguration config) {
        this.logger = logger;
        this.tx = tx;
        this.anchors = anchors;
        this.now = now;
        this.anchorInterval = Math.max(1, config.anchorInterval());
        this.maxBatch = Math.max(1, Math.min(5000, config.maxBatch()));
        this.timeoutSeconds = Math.max(1, config.appendTimeoutSeconds());
        this.queue = new LinkedBlockingQueue<>(Math.max(1, config.queueCapacity()));
        this.writer = new Thread(this::writeLoop, "steward-audit-writer");
    }

    /** Makes sure the head row exists, then starts the writer; returns the head it found or created. */
    AuditHead start() {
        AuditHead head = ensureHead();
        writer.start();
        return head;
    }

    /** Creates the head row on first use; a head missing from a non-empty table is rebuilt from the last entry. */
    private AuditHead ensureHead() {
        for (int attempt = 0;; attempt++) {
            try {
                return tx.write(em -> {
                    AuditHead head = em.find(AuditHead.class, AuditHead.ID);
                    if (head != null) {
                        return head;
                    }
                    List<AuditRecord> last = em.createQuery("SELECT r FROM AuditRecord r ORDER BY r.seq DESC",
                            AuditRecord.class).setMaxResults(1).getResultList();
                    if (last.isEmpty()) {
                        head = AuditHead.genesis();
                    } else {
                        AuditEntry entry = last.get(0).toEntry();
                        logger.warn("The audit head row was missing; rebuilt from entry {}. Run audit:verify.",
                                entry.seq());
                        head = AuditHead.at(entry.seq(), entry.hash(), AuditChain.toMicros(entry.time()));
                    }
                    em.persist(head);
                    return head;
                });
            } catch (ConflictException createdMeanwhile) {
                // another server created the head at the same moment: read it again
                if (attempt >= 2) {
                    throw createdMeanwhile;
                }
            }
        }
    }

    /** Stops taking events, lets the writer drain the queue, anchors the last entry written. */
    void close() {
        closing.writeLock().lock();
        try {
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            logger.error("The audit writer did not finish within {} s; entries still waiting are refused",
                    timeoutSeconds);
            writer.interrupt();
        }
        failWaiting(new UnavailableException("The audit log stopped before the entry was written"));
        AuditEntry last = lastWritten;
        if (last != null) {
            try {
                anchors.append(last.seq(), last.hash(), last.time());
            } catch (UnavailableException e) {
                logger.error(e.getMessage());
            }
        }
    }

    /** The last entry this writer committed; null before its first. */
    AuditEntry lastWritten() {
        return lastWritten;
    }

    /** Queues valid events in order and waits until every one is committed. */
    List<AuditEntry> append(List<AuditEvent> events) {
        List<AuditEntry> entries = new ArrayList<>(events.size());
        for (Pending pending : enqueue(events)) {
            entries.add(confirmed(pending));
        }
        return entries;
    }

    /** Queues the events in order, all or none once the log is stopping. */
    private List<Pending> enqueue(List<AuditEvent> events) {
        List<Pending> queued = new ArrayList<>(events.size());
        closing.readLock().lock();
        try {
            if (closed) {
                throw new UnavailableException("The audit log is stopping; the entry was not recorded");
            }
            for (AuditEvent event : events) {
                Pending pending = new Pending(event, new CompletableFuture<>());
                if (!queue.offer(pending, timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new UnavailableException("The audit log is overloaded; " + queued.size() + " of "
                            + events.size() + " entries were queued");
                }
                queued.add(pending);
            }
            return queued;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted before the audit entries were queued; " + queued.size()
                    + " of " + events.size() + " were");
        } finally {
            closing.readLock().unlock();
        }
    }

    private AuditEntry confirmed(Pending pending) {
        try {
            return pending.done().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StewardException s ? s
                    : new UnavailableException("The audit entry could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("The audit entry was not confirmed within " + timeoutSeconds
                    + " s; it may still be written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted before the audit entry was confirmed; it may still be written");
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (closed) {
                    return; // drained: nothing can be queued once closed is set
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        List<AuditEntry> written;
        try {
            // built inside the work: a retried transaction assigns the sequence numbers again from the head
            written = tx.write(em -> {
                AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
                if (head == null) {
                    throw new UnavailableException("The audit head row is missing; restart the audit module");
                }
                List<AuditEntry> entries = new ArrayList<>(batch.size());
                long seq = head.lastSeq();
                String previous = head.lastHash();
                Instant time = AuditChain.truncate(now.get());
                for (Pending pending : batch) {
                    seq++;
                    String hash = AuditChain.hash(previous, seq, time, pending.event());
                    AuditEntry entry = new AuditEntry(seq, time, pending.event(), previous, hash);
                    em.persist(AuditRecord.of(entry));
                    entries.add(entry);
                    previous = hash;
                }
                head.advance(seq, previous, AuditChain.toMicros(time));
                return entries;
            });
        } catch (StewardException e) {
            // append promises UnavailableException for an entry that was not committed, whatever the database said
            UnavailableException failure = e instanceof UnavailableException u ? u
                    : new UnavailableException(e.getMessage() + "; the entry was not recorded");
            logger.error("Cannot write {} audit entries: {}", batch.size(), failure.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        // anchors first, so that a caller that saw its entry acknowledged also finds it anchored
        lastWritten = written.get(written.size() - 1);
        anchor(written);
        for (int i = 0; i < written.size(); i++) {
            batch.get(i).done().complete(written.get(i));
        }
    }

    private void anchor(List<AuditEntry> written) {
        for (AuditEntry entry : written) {
            if (entry.seq() % anchorInterval == 0) {
                try {
                    anchors.append(entry.seq(), entry.hash(), entry.time());
                } catch (UnavailableException e) {
                    logger.error(e.getMessage());
                }
            }
        }
    }

    private void failWaiting(UnavailableException failure) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(failure));
    }
}
