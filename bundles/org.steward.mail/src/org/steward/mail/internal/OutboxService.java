package org.steward.mail.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.encryption.Decrypted;
import org.steward.encryption.FieldEncryption;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.MailTransport;
import org.steward.mail.OutgoingMail;
import org.steward.mail.SendingPolicy;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;

/**
 * The durable outbox. {@link #enqueue} stores the mail (content encrypted under the person's key) and commits before
 * it returns; one background thread delivers due mail every few seconds. Each delivery first claims the row for a
 * lease (optimistic lock), so that servers sharing the database never deliver the same mail twice at once, then asks
 * the sending policies again, hands the mail to the configured transport and records the outcome; content is dropped
 * once it is no longer needed.
 */
@Component(service = { MailOutbox.class, OutboxService.class }, immediate = true,
        configurationPid = MailConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MailConfiguration.class)
public final class OutboxService implements MailOutbox {

    static final String MODULE = "mail";
    static final String TYPE = "mail";
    private static final int BATCH = 100;

    private final Logger logger;
    private final MailStore store;
    private final FieldEncryption encryption;
    private final AuditLog audit;
    private volatile MailConfiguration config;
    private volatile String from;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock delivering = new ReentrantLock();
    private final Map<MailTransport, String> transports = new ConcurrentHashMap<>();
    private final List<SendingPolicy> policies = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService sender;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public OutboxService(@Reference(service = LoggerFactory.class) Logger logger, @Reference MailStore store,
            @Reference FieldEncryption encryption, @Reference AuditLog audit, MailConfiguration config) {
        this.logger = logger;
        this.store = store;
        this.encryption = encryption;
        this.audit = audit;
        checked(config);
        this.config = config;
        this.from = config.from();
    }

    private MailConfiguration checked(MailConfiguration config) {
        try {
            MailHeaders.requireAddress("from", config.from());
            return config;
        } catch (ValidationException e) {
            logger.error("The mail outbox cannot use its configuration: setting {}", e.getMessage());
            throw e;
        }
    }

    /** New settings apply in place, so that callers keep their outbox; the sender restarts with the new interval. */
    @Modified
    void modified(MailConfiguration changed) throws InterruptedException {
        checked(changed);
        stop();
        this.config = changed;
        this.from = changed.from();
        start();
    }

    @Activate
    void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "steward-mail-sender");
            thread.setDaemon(true);
            return thread;
        });
        sender = executor;
        executor.scheduleWithFixedDelay(this::backgroundPass, 1, Math.max(1, config.pollSeconds()), TimeUnit.SECONDS);
        logger.info("Mail outbox ready: transport {}, {} mail queued", config.transport(), queued());
    }

    @Deactivate
    void stop() throws InterruptedException {
        ScheduledExecutorService executor = sender;
        sender = null;
        if (executor != null) {
            executor.shutdown();
            // a delivery in flight finishes its bookkeeping (an interrupt could break the database connection);
            // the lease covers a mail whose bookkeeping did not finish
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransport(MailTransport transport, Map<String, Object> properties) {
        transports.put(transport, String.valueOf(properties.get(MailTransport.NAME_PROPERTY)));
    }

    void removeTransport(MailTransport transport) {
        transports.remove(transport);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPolicy(SendingPolicy policy) {
        policies.add(policy);
    }

    void removePolicy(SendingPolicy policy) {
        policies.remove(policy);
    }

    private boolean stopping() {
        ScheduledExecutorService executor = sender;
        return executor == null || executor.isShutdown();
    }

    Instant now() {
        Clock c = clock;
        return c == null ? Instant.now() : c.instant();
    }

    MailConfiguration configuration() {
        return config;
    }

    // ---------------------------------------------------------------- enqueue

    @Override
    public MailId enqueue(OutgoingMail mail) {
        return enqueue(mail, Actor.system());
    }

    @Override
    public MailId enqueue(OutgoingMail mail, Actor actor) {
        MailHeaders.requireAddress("to", mail.to());
        MailHeaders.validate(mail.headers());
        if (mail.purpose().length() > 100 || mail.template().length() > 100) {
            throw new ValidationException(mail.purpose().length() > 100 ? "purpose" : "template",
                    "is longer than 100 characters");
        }
        Optional<String> refusal = refusal(mail.person(), mail.purpose());
        if (refusal.isPresent()) {
            AuditEvent.Builder event = AuditEvent.builder(actor, "mail.refused").target(MODULE, TYPE)
                    .outcome(Outcome.DENIED).details(details(mail) + "; " + refusal.get());
            mail.person().ifPresent(event::person);
            audit.append(event.build());
            throw new MailRefusedException(refusal.get());
        }
        String id = UUID.randomUUID().toString();
        Instant now = now();
        MailRecord row = new MailRecord();
        row.id = id;
        row.personId = mail.person().map(PersonId::toString).orElse(null);
        row.purpose = mail.purpose();
        row.template = mail.template().isEmpty() ? null : mail.template();
        row.state = MailState.QUEUED.name();
        row.queuedMicros = MailStore.micros(now);
        row.nextMicros = row.queuedMicros;
        row.messageId = "<" + id + "@" + MailHeaders.domain(from) + ">";
        row.encrypted = mail.person().isPresent();
        row.recipient = seal(mail.person(), id, "to", mail.to());
        row.subject = seal(mail.person(), id, "subject", mail.subject());
        row.textBody = seal(mail.person(), id, "textBody", mail.textBody());
        row.htmlBody = mail.htmlBody().map(html -> seal(mail.person(), id, "htmlBody", html)).orElse(null);
        row.headers = mail.headers().isEmpty() ? null
                : seal(mail.person(), id, "headers", MailHeaders.encode(mail.headers()));
        store.writeAll(em -> em.persist(row));
        AuditEvent.Builder event = AuditEvent.builder(actor, "mail.enqueue").target(MODULE, TYPE, id)
                .fields(mail.htmlBody().isPresent() ? List.of("to", "subject", "textBody", "htmlBody")
                        : List.of("to", "subject", "textBody"))
                .details(details(mail));
        mail.person().ifPresent(event::person);
        audit.append(event.build());
        logger.debug("Mail {} queued ({})", id, details(mail));
        ScheduledExecutorService executor = sender;
        if (executor != null) {
            try {
                executor.execute(this::backgroundPass);
            } catch (RuntimeException stopping) {
                // the next start delivers it
            }
        }
        return new MailId(id);
    }

    private static String details(OutgoingMail mail) {
        return "purpose " + mail.purpose() + (mail.template().isEmpty() ? "" : ", template " + mail.template());
    }

    private String seal(Optional<PersonId> person, String id, String field, String value) {
        return person.isPresent() ? encryption.encrypt(person.get(), id, field, value) : value;
    }

    private Optional<String> open(MailRecord row, String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!row.encrypted) {
            return Optional.of(value);
        }
        Decrypted plain = encryption.decrypt(PersonId.parse(row.personId), row.id, field, value);
        return plain.plain();
    }

    /** Why the mail may not be sent now, from the sending policies; empty to send. */
    private Optional<String> refusal(Optional<PersonId> person, String purpose) {
        if (OutgoingMail.SERVICE.equals(purpose) && person.isEmpty()) {
            return Optional.empty();
        }
        if (person.isEmpty()) {
            return Optional.of("mail for purpose '" + purpose + "' must name the person it is addressed to, "
                    + "so that consent can be checked");
        }
        List<SendingPolicy> current = List.copyOf(policies);
        if (current.isEmpty() && !OutgoingMail.SERVICE.equals(purpose)) {
            return Optional.of("no sending policy is registered (the consent module is not running), so mail for "
                    + "purpose '" + purpose + "' cannot be sent");
        }
        for (SendingPolicy policy : current) {
            Optional<String> reason = policy.refusal(person.get(), purpose);
            if (reason != null && reason.isPresent()) {
                return Optional.of("refused by " + policy.getClass().getSimpleName() + ": " + reason.get());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<MailStatus> status(MailId id) {
        MailRecord row = store.read(em -> em.find(MailRecord.class, id.value()));
        return Optional.ofNullable(row).map(OutboxService::status);
    }

    @Override
    public List<MailStatus> forPerson(PersonId person) {
        return store.read(em -> em.createQuery(
                "SELECT m FROM MailRecord m WHERE m.personId = :p ORDER BY m.queuedMicros DESC", MailRecord.class)
                .setParameter("p", person.toString()).getResultList()).stream().map(OutboxService::status).toList();
    }

    @Override
    public int queued() {
        return store.read(em -> em.createQuery("SELECT COUNT(m) FROM MailRecord m WHERE m.state = :s", Long.class)
                .setParameter("s", MailState.QUEUED.name()).getSingleResult()).intValue();
    }

    static MailStatus status(MailRecord row) {
        MailState state = MailState.valueOf(row.state);
        return new MailStatus(new MailId(row.id), state, row.template == null ? "" : row.template, row.purpose,
                row.attempts, MailStore.instant(row.queuedMicros),
                state == MailState.QUEUED && row.nextMicros != null ? Optional.of(MailStore.instant(row.nextMicros))
                        : Optional.empty(),
                Optional.ofNullable(row.sentMicros).map(MailStore::instant), Optional.ofNullable(row.lastError));
    }

    /** Counts per state, how many queued mails are held for restricted people, and when the next one is due. */
    record Summary(Map<MailState, Long> counts, long held, Optional<Instant> nextDue) {
    }

    Summary summary() {
        return store.read(em -> {
            Map<MailState, Long> counts = new EnumMap<>(MailState.class);
            for (MailState state : MailState.values()) {
                counts.put(state, 0L);
            }
            for (Object[] row : em.createQuery("SELECT m.state, COUNT(m) FROM MailRecord m GROUP BY m.state",
                    Object[].class).getResultList()) {
                counts.put(MailState.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            long held = em.createQuery("SELECT COUNT(m) FROM MailRecord m WHERE m.state = :s AND m.personId IN "
                    + "(SELECT r.personId FROM RestrictionRecord r)", Long.class)
                    .setParameter("s", MailState.QUEUED.name()).getSingleResult();
            Long next = em.createQuery("SELECT MIN(m.nextMicros) FROM MailRecord m WHERE m.state = :s", Long.class)
                    .setParameter("s", MailState.QUEUED.name()).getSingleResult();
            return new Summary(counts, held, Optional.ofNullable(next).map(MailStore::instant));
        });
    }

    /**
     * Queues a mail again at once: a FAILED mail whose content is still kept (its attempts start over), or a QUEUED
     * one waiting for its next attempt.
     */
    MailStatus retry(MailId id, Actor actor) {
        MailRecord updated = store.write(em -> {
            MailRecord row = em.find(MailRecord.class, id.value());
            if (row == null) {
                throw new NotFoundException("Mail", id);
            }
            MailState state = MailState.valueOf(row.state);
            if (state == MailState.SENT || state == MailState.CANCELLED || !row.hasContent()) {
                throw new ConflictException("Mail " + id + " is " + state.name().toLowerCase()
                        + " and its content is gone; it cannot be sent again.");
            }
            if (state == MailState.FAILED) {
                row.attempts = 0;
                row.doneMicros = null;
            }
            row.state = MailState.QUEUED.name();
            row.nextMicros = MailStore.micros(now());
            return row;
        });
        auditOf(actor, "mail.retry", updated, Outcome.SUCCESS, "queued again by request");
        ScheduledExecutorService executor = sender;
        if (executor != null) {
            executor.execute(this::backgroundPass);
        }
        return status(updated);
    }

    // ---------------------------------------------------------------- delivery

    private void backgroundPass() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            logger.error("The mail sender pass failed: {}", Redaction.describe(e), e);
        }
    }

    @Override
    public int deliverDue() {
        delivering.lock();
        try {
            int sent = 0;
            List<String> due;
            do {
                long now = MailStore.micros(now());
                due = store.read(em -> em.createQuery("SELECT m.id FROM MailRecord m WHERE m.state = :s AND "
                        + "m.nextMicros <= :now AND (m.personId IS NULL OR m.personId NOT IN "
                        + "(SELECT r.personId FROM RestrictionRecord r)) ORDER BY m.nextMicros", String.class)
                        .setParameter("s", MailState.QUEUED.name()).setParameter("now", now).setMaxResults(BATCH)
                        .getResultList());
                for (String id : due) {
                    if (Thread.currentThread().isInterrupted() || stopping()) {
                        return sent;
                    }
                    if (deliver(id)) {
                        sent++;
                    }
                }
            } while (due.size() == BATCH);
            dropContentOfOldFailures();
            return sent;
        } finally {
            delivering.unlock();
        }
    }

    /** Claims, checks and sends one mail; true when it was sent. */
    private boolean deliver(String id) {
        Instant now = now();
        MailRecord row;
        try {
            row = store.write(em -> {
                MailRecord r = em.find(MailRecord.class, id);
                if (r == null || !MailState.QUEUED.name().equals(r.state) || r.nextMicros == null
                        || r.nextMicros > MailStore.micros(now)) {
                    return null;
                }
                r.nextMicros = MailStore.micros(now.plusSeconds(Math.max(10, config.leaseSeconds())));
                return r;
            });
        } catch (OptimisticLockException | RollbackException taken) {
            return false; // another server claimed it
        }
        if (row == null) {
            return false;
        }
        Optional<PersonId> person = Optional.ofNullable(row.personId).map(PersonId::parse);
        if (person.isPresent() || !OutgoingMail.SERVICE.equals(row.purpose)) {
            if (policies.isEmpty() && !OutgoingMail.SERVICE.equals(row.purpose)) {
                postpone(row, "waiting for a sending policy (the consent module is not running)");
                return false;
            }
            Optional<String> refusal;
            try {
                refusal = refusal(person, row.purpose);
            } catch (RuntimeException e) {
                postpone(row, "a sending policy failed: " + Redaction.describe(e));
                return false;
            }
            if (refusal.isPresent()) {
                finish(row, MailState.CANCELLED, refusal.get(), Outcome.DENIED, "mail.cancelled", row.attempts);
                return false;
            }
        }
        MailTransport transport = transport(config.transport());
        if (transport == null) {
            postpone(row, "waiting for the mail transport '" + config.transport() + "'");
            return false;
        }
        OutgoingMail mail;
        try {
            mail = content(row);
        } catch (RuntimeException e) {
            finish(row, MailState.FAILED, "the stored content cannot be read: " + Redaction.describe(e),
                    Outcome.FAILED, "mail.failed", row.attempts);
            return false;
        }
        if (mail == null) {
            finish(row, MailState.CANCELLED, "the person was erased", Outcome.DENIED, "mail.cancelled", row.attempts);
            return false;
        }
        try {
            transport.send(mail, row.messageId);
        } catch (MailRefusedException e) {
            failedAttempt(row, Redaction.redact(e.getMessage(), mail.to()), true);
            return false;
        } catch (IOException | RuntimeException e) {
            failedAttempt(row, Redaction.describe(e, mail.to()), false);
            return false;
        }
        finish(row, MailState.SENT, null, Outcome.SUCCESS, "mail.sent", row.attempts + 1);
        logger.info("Mail {} sent ({} attempt(s), transport {})", id, row.attempts + 1, config.transport());
        return true;
    }

    private MailTransport transport(String name) {
        for (Map.Entry<MailTransport, String> entry : transports.entrySet()) {
            if (entry.getValue().equals(name)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** The mail as it was queued, with the outbox's From; null when the person's key was shredded. */
    private OutgoingMail content(MailRecord row) {
        Optional<String> to = open(row, "to", row.recipient);
        Optional<String> subject = open(row, "subject", row.subject);
        Optional<String> text = open(row, "textBody", row.textBody);
        if (to.isEmpty() || subject.isEmpty() || text.isEmpty()) {
            return null;
        }
        Optional<String> html = row.htmlBody == null ? Optional.empty() : open(row, "htmlBody", row.htmlBody);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("From", from);
        if (row.headers != null) {
            Map<String, String> extra = MailHeaders.decode(open(row, "headers", row.headers).orElse(""));
            extra.forEach((name, value) -> {
                if (name.equalsIgnoreCase("from")) {
                    headers.put("From", value);
                } else {
                    headers.put(name, value);
                }
            });
        }
        return new OutgoingMail(to.get(), Optional.ofNullable(row.personId).map(PersonId::parse), row.purpose,
                subject.get(), text.get(), html, headers, row.template);
    }

    private void postpone(MailRecord claimed, String reason) {
        store.writeAll(em -> {
            MailRecord r = em.find(MailRecord.class, claimed.id);
            if (r != null && MailState.QUEUED.name().equals(r.state)) {
                r.nextMicros = MailStore.micros(now().plusSeconds(Math.max(1, config.pollSeconds())));
                r.lastError = reason;
            }
        });
    }

    private void failedAttempt(MailRecord claimed, String reason, boolean permanent) {
        int attempts = claimed.attempts + 1;
        int max = Math.max(1, config.maxAttempts());
        if (permanent || attempts >= max) {
            logger.warn("Mail {} FAILED after {} attempt(s): {}", claimed.id, attempts, reason);
            finish(claimed, MailState.FAILED, reason, Outcome.FAILED, "mail.failed", attempts);
            return;
        }
        Duration delay = backoff(attempts);
        Instant next = now().plus(delay);
        store.writeAll(em -> {
            MailRecord r = em.find(MailRecord.class, claimed.id);
            if (r != null && MailState.QUEUED.name().equals(r.state)) {
                r.attempts = attempts;
                r.lastError = reason;
                r.nextMicros = MailStore.micros(next);
            }
        });
        logger.warn("Mail {} not delivered (attempt {} of {}), next attempt in {} s: {}", claimed.id, attempts, max,
                delay.toSeconds(), reason);
    }

    /** base * 2^(attempts-1), capped, then between half and all of it (jitter spreads a burst of retries). */
    Duration backoff(int attempts) {
        long baseMillis = Math.max(1, config.retryBaseSeconds()) * 1000L;
        long capMillis = Math.max(1, config.maxRetryDelayMinutes()) * 60_000L;
        long delay = baseMillis << Math.min(30, Math.max(0, attempts - 1));
        delay = Math.min(delay <= 0 ? capMillis : delay, capMillis);
        long half = delay / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (delay - half)));
    }

    private void finish(MailRecord claimed, MailState state, String reason, Outcome outcome, String action,
            int attempts) {
        Instant now = now();
        MailRecord done = store.write(em -> {
            MailRecord r = em.find(MailRecord.class, claimed.id);
            if (r == null) {
                return null; // erased meanwhile
            }
            r.state = state.name();
            r.attempts = attempts;
            r.nextMicros = null;
            r.doneMicros = MailStore.micros(now);
            r.lastError = reason;
            if (state == MailState.SENT) {
                r.sentMicros = MailStore.micros(now);
            }
            // failed mail keeps its content for mail:retry until keepFailedDays have passed
            if (state != MailState.FAILED || config.keepFailedDays() <= 0) {
                r.dropContent();
            }
            return r;
        });
        if (done != null) {
            auditOf(Actor.system(), action, done, outcome, reason == null ? "" : reason);
        }
    }

    private void dropContentOfOldFailures() {
        long before = MailStore.micros(now().minus(Duration.ofDays(Math.max(0, config.keepFailedDays()))));
        store.writeAll(em -> em.createQuery("UPDATE MailRecord m SET m.recipient = NULL, m.subject = NULL, "
                + "m.textBody = NULL, m.htmlBody = NULL, m.headers = NULL WHERE m.state = :s AND m.doneMicros < :t "
                + "AND m.recipient IS NOT NULL").setParameter("s", MailState.FAILED.name()).setParameter("t", before)
                .executeUpdate());
    }

    private void auditOf(Actor actor, String action, MailRecord row, Outcome outcome, String details) {
        try {
            AuditEvent.Builder event = AuditEvent.builder(actor, action).target(MODULE, TYPE, row.id)
                    .outcome(outcome).details(("purpose " + row.purpose + (row.template == null ? ""
                            : ", template " + row.template) + (details.isEmpty() ? "" : "; " + details)));
            if (row.personId != null) {
                event.person(PersonId.parse(row.personId));
            }
            audit.append(event.build());
        } catch (RuntimeException e) {
            logger.error("The audit entry {} of mail {} could not be written: {}", action, row.id, e.toString());
        }
    }

    /** For tests and the console: ids of queued mail of a person (held or not). */
    List<String> queuedIds(PersonId person) {
        List<String> ids = new ArrayList<>();
        for (MailStatus status : forPerson(person)) {
            if (status.state() == MailState.QUEUED) {
                ids.add(status.id().value());
            }
        }
        return ids;
    }
}
