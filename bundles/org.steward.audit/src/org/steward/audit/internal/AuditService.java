package org.steward.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditChain;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.audit.AuditVerification;
import org.steward.audit.VerificationProgress;
import org.steward.core.DataDirectory;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * The audit log on the module's own persistence unit. Appends go through a queue to one writer thread, which takes what
 * is waiting (up to {@code maxBatch} entries), locks the head row, assigns sequence numbers and hashes, inserts the
 * entries in one transaction, commits, and only then completes the callers' futures.
 */
@Component(service = AuditLog.class, immediate = true, configurationPid = AuditConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AuditConfiguration.class)
public final class AuditService implements AuditLog {

    static final String UNIT = "audit";
    static final int SCHEMA_VERSION = 1;

    private record Pending(AuditEvent event, CompletableFuture<AuditEntry> done) {
    }

    private final Logger logger;
    private final Clock clock;
    private final EntityManagerFactory factory;
    private final Anchors anchors;
    private final int anchorInterval;
    private final int maxBatch;
    private final int pageSize;
    private final long appendTimeoutSeconds;
    private final BlockingQueue<Pending> queue;
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread writer;
    private volatile boolean closed;
    /** The last entry this writer committed, anchored at shutdown. Written by the writer thread only. */
    private volatile AuditEntry lastWritten;

    @Activate
    public AuditService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference DataDirectory dataDirectory, BundleContext context,
            AuditConfiguration config) {
        this(logger, persistence, dataDirectory, context.getBundle(), config, Clock.systemUTC());
    }

    private static RuntimeException explained(Logger logger, RuntimeException e) {
        logger.error("The audit log cannot start: {}", e.toString(), e);
        return e;
    }

    /** With a replaceable clock, for tests of time queries. */
    AuditService(Logger logger, StewardPersistence persistence, DataDirectory dataDirectory, Bundle bundle,
            AuditConfiguration config, Clock clock) {
        this.logger = logger;
        this.clock = clock;
        this.anchorInterval = Math.max(1, config.anchorInterval());
        this.maxBatch = Math.max(1, Math.min(5000, config.maxBatch()));
        this.pageSize = Math.max(10, config.verifyPageSize());
        this.appendTimeoutSeconds = Math.max(1, config.appendTimeoutSeconds());
        this.queue = new LinkedBlockingQueue<>(Math.max(1, config.queueCapacity()));
        try {
            this.anchors = new Anchors(dataDirectory.area("audit").resolve("anchors"), persistence.info().url());
            this.factory = persistence.open(bundle, PersistenceUnit.of(UNIT, SCHEMA_VERSION));
        } catch (RuntimeException e) {
            throw explained(logger, e);
        }
        try {
            AuditHead head = ensureHead();
            logger.info("Audit log ready at entry {}", head.lastSeq());
        } catch (RuntimeException e) {
            factory.close();
            throw explained(logger, e instanceof StewardException s ? s
                    : new UnavailableException("Cannot read the audit log's head: " + e.getMessage(), e));
        }
        this.writer = new Thread(this::writeLoop, "steward-audit-writer");
        writer.start();
    }

    @Deactivate
    void deactivate() {
        closing.writeLock().lock();
        try {
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(appendTimeoutSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            logger.error("The audit writer did not finish within {} s; entries still waiting are refused",
                    appendTimeoutSeconds);
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
        factory.close();
        logger.info("Audit log stopped{}", last == null ? "" : " at entry " + last.seq());
    }

    /** Creates the head row on first use; a head missing from a non-empty table is rebuilt from the last entry. */
    private AuditHead ensureHead() {
        for (int attempt = 0;; attempt++) {
            EntityManager em = factory.createEntityManager();
            try {
                AuditHead head = em.find(AuditHead.class, AuditHead.ID);
                if (head != null) {
                    return head;
                }
                em.getTransaction().begin();
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
                em.getTransaction().commit();
                return head;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                if (attempt >= 2) {
                    throw e;
                }
                // another server created the head at the same moment: read it again
            } finally {
                em.close();
            }
        }
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        if (event == null) {
            throw new ValidationException("event", "is required");
        }
        event.validate();
        return confirmed(enqueue(List.of(event)).get(0));
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        if (events == null) {
            throw new ValidationException("events", "is required");
        }
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            if (event == null) {
                throw new ValidationException("events[" + i + "]", "is required");
            }
            int position = i;
            List<org.steward.core.Violation> violations = event.violations().stream()
                    .map(v -> new org.steward.core.Violation("events[" + position + "]." + v.field(), v.reason()))
                    .toList();
            if (!violations.isEmpty()) {
                throw new ValidationException(violations);
            }
        }
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
                if (!queue.offer(pending, appendTimeoutSeconds, TimeUnit.SECONDS)) {
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
            return pending.done().get(appendTimeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StewardException s ? s
                    : new UnavailableException("The audit entry could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("The audit entry was not confirmed within " + appendTimeoutSeconds
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
        List<AuditEntry> written = new ArrayList<>(batch.size());
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
            if (head == null) {
                throw new UnavailableException("The audit head row is missing; restart the audit module");
            }
            long seq = head.lastSeq();
            String previous = head.lastHash();
            Instant now = AuditChain.truncate(clock.instant());
            for (Pending pending : batch) {
                seq++;
                String hash = AuditChain.hash(previous, seq, now, pending.event());
                AuditEntry entry = new AuditEntry(seq, now, pending.event(), previous, hash);
                em.persist(AuditRecord.of(entry));
                written.add(entry);
                previous = hash;
            }
            head.advance(seq, previous, AuditChain.toMicros(now));
            em.getTransaction().commit();
        } catch (RuntimeException e) {
            try {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
            } catch (RuntimeException ignored) {
                // the original failure is what matters
            }
            logger.error("Cannot write {} audit entries: {}", batch.size(), e.toString());
            UnavailableException failure = e instanceof UnavailableException u ? u
                    : new UnavailableException("The audit log cannot write to the database ("
                            + e.getClass().getSimpleName() + "); the entry was not recorded", e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        } finally {
            em.close();
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

    @Override
    public AuditPage query(AuditQuery query) {
        if (query == null) {
            throw new ValidationException("query", "is required");
        }
        EntityManager em = factory.createEntityManager();
        try {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<AuditRecord> cq = cb.createQuery(AuditRecord.class);
            Root<AuditRecord> r = cq.from(AuditRecord.class);
            List<Predicate> where = new ArrayList<>();
            query.person().ifPresent(p -> where.add(cb.equal(r.get("personId"), p.toString())));
            query.actorId().ifPresent(a -> where.add(cb.equal(r.get("actorId"), a)));
            query.action().ifPresent(a -> where.add(cb.equal(r.get("action"), a)));
            query.targetModule().ifPresent(m -> where.add(cb.equal(r.get("targetModule"), m)));
            query.targetType().ifPresent(t -> where.add(cb.equal(r.get("targetType"), t)));
            query.targetId().ifPresent(i -> where.add(cb.equal(r.get("targetId"), i)));
            query.from().ifPresent(f -> where.add(cb.ge(r.get("timeMicros"), AuditChain.toMicros(f))));
            query.to().ifPresent(t -> where.add(cb.lt(r.get("timeMicros"), AuditChain.toMicros(t))));
            boolean newestFirst = query.order() == AuditQuery.Order.NEWEST_FIRST;
            if (query.after().isPresent()) {
                long after = query.after().getAsLong();
                where.add(newestFirst ? cb.lt(r.get("seq"), after) : cb.gt(r.get("seq"), after));
            }
            cq.select(r).where(where.toArray(Predicate[]::new))
                    .orderBy(newestFirst ? cb.desc(r.get("seq")) : cb.asc(r.get("seq")));
            List<AuditRecord> rows = em.createQuery(cq).setMaxResults(query.limit() + 1).getResultList();
            boolean more = rows.size() > query.limit();
            List<AuditEntry> entries = rows.stream().limit(query.limit()).map(AuditRecord::toEntry).toList();
            return new AuditPage(entries,
                    more ? OptionalLong.of(entries.get(entries.size() - 1).seq()) : OptionalLong.empty());
        } catch (RuntimeException e) {
            throw unavailable("read", e);
        } finally {
            em.close();
        }
    }

    @Override
    public Optional<AuditEntry> latest() {
        EntityManager em = factory.createEntityManager();
        try {
            TypedQuery<AuditRecord> q = em.createQuery("SELECT r FROM AuditRecord r ORDER BY r.seq DESC",
                    AuditRecord.class);
            return q.setMaxResults(1).getResultList().stream().findFirst().map(AuditRecord::toEntry);
        } catch (RuntimeException e) {
            throw unavailable("read", e);
        } finally {
            em.close();
        }
    }

    @Override
    public AuditVerification verify(long fromSeq, long toSeq, VerificationProgress progress) {
        if (fromSeq < 1) {
            throw new ValidationException("fromSeq", "must be 1 or more");
        }
        if (toSeq < fromSeq) {
            throw new ValidationException("toSeq", "must not be below fromSeq");
        }
        try {
            return new ChainVerifier(factory, anchors, pageSize).verify(fromSeq, toSeq,
                    progress == null ? VerificationProgress.NONE : progress);
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable("verify", e);
        }
    }

    private UnavailableException unavailable(String what, RuntimeException e) {
        if (e instanceof UnavailableException u) {
            return u;
        }
        logger.error("Cannot {} the audit log: {}", what, e.toString());
        return new UnavailableException("Cannot " + what + " the audit log: the database failed ("
                + e.getClass().getSimpleName() + ")", e);
    }
}
