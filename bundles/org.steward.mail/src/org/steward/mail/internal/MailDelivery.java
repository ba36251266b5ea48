package org.steward.mail.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailState;
import org.steward.mail.MailTransport;
import org.steward.mail.OutgoingMail;

/**
 * One delivery pass over the due mail. Each delivery first claims the row for a lease (optimistic lock), so that
 * servers sharing the database never deliver the same mail twice at once, then asks the sending policies again,
 * hands the mail to the configured transport and records the outcome; content is dropped once it is no longer
 * needed. Mail of a restricted person is not due: it waits in the outbox until the restriction is lifted.
 */
final class MailDelivery {

    private static final int BATCH = 100;

    private final Logger logger;
    private final MailStore store;
    private final SendingPolicies policies;
    private final MailSealing sealing;
    private final OutboxAudit audit;
    private final Supplier<MailConfiguration> config;
    private final Supplier<String> from;
    private final BooleanSupplier stopping;
    private final Map<MailTransport, String> transports = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock delivering = new ReentrantLock();

    MailDelivery(Logger logger, MailStore store, SendingPolicies policies, MailSealing sealing, OutboxAudit audit,
            Supplier<MailConfiguration> config, Supplier<String> from, BooleanSupplier stopping) {
        this.logger = logger;
        this.store = store;
        this.policies = policies;
        this.sealing = sealing;
        this.audit = audit;
        this.config = config;
        this.from = from;
        this.stopping = stopping;
    }

    void addTransport(MailTransport transport, String name) {
        transports.put(transport, name);
    }

    void removeTransport(MailTransport transport) {
        transports.remove(transport);
    }

    int deliverDue() {
        delivering.lock();
        try {
            int sent = 0;
            List<String> due;
            do {
                long now = MailStore.micros(store.now());
                due = store.tx().read(em -> em.createNativeQuery("SELECT ID FROM MAIL_MESSAGE WHERE STATE = ? AND "
                        + "NEXT_MICROS <= ? AND (PERSON_ID IS NULL OR PERSON_ID NOT IN (SELECT PERSON_ID FROM "
                        + MailStore.LOCKS.table() + ")) ORDER BY NEXT_MICROS").setParameter(1, MailState.QUEUED.name())
                        .setParameter(2, now).setMaxResults(BATCH).getResultList()).stream().map(String::valueOf)
                        .toList();
                for (String id : due) {
                    if (Thread.currentThread().isInterrupted() || stopping.getAsBoolean()) {
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
        MailConfiguration settings = config.get();
        Instant now = store.now();
        MailRecord row;
        try {
            row = store.tx().write(em -> {
                MailRecord r = em.find(MailRecord.class, id);
                if (r == null || !MailState.QUEUED.name().equals(r.state) || r.nextMicros == null
                        || r.nextMicros > MailStore.micros(now)) {
                    return null;
                }
                r.nextMicros = MailStore.micros(now.plusSeconds(Math.max(10, settings.leaseSeconds())));
                return r;
            });
        } catch (ConflictException taken) {
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
                refusal = policies.refusal(person, row.purpose);
            } catch (RuntimeException e) {
                postpone(row, "a sending policy failed: " + Redaction.describe(e));
                return false;
            }
            if (refusal.isPresent()) {
                finish(row, MailState.CANCELLED, refusal.get(), Outcome.DENIED, "mail.cancelled", row.attempts);
                return false;
            }
        }
        MailTransport transport = transport(settings.transport());
        if (transport == null) {
            postpone(row, "waiting for the mail transport '" + settings.transport() + "'");
            return false;
        }
        OutgoingMail mail;
        try {
            mail = sealing.content(row, from.get());
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
        logger.info("Mail {} sent ({} attempt(s), transport {})", id, row.attempts + 1, settings.transport());
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

    private void postpone(MailRecord claimed, String reason) {
        store.tx().run(em -> {
            MailRecord r = em.find(MailRecord.class, claimed.id);
            if (r != null && MailState.QUEUED.name().equals(r.state)) {
                r.nextMicros = MailStore.micros(store.now().plusSeconds(Math.max(1, config.get().pollSeconds())));
                r.lastError = reason;
            }
        });
    }

    private void failedAttempt(MailRecord claimed, String reason, boolean permanent) {
        int attempts = claimed.attempts + 1;
        int max = Math.max(1, config.get().maxAttempts());
        if (permanent || attempts >= max) {
            logger.warn("Mail {} FAILED after {} attempt(s): {}", claimed.id, attempts, reason);
            finish(claimed, MailState.FAILED, reason, Outcome.FAILED, "mail.failed", attempts);
            return;
        }
        Duration delay = backoff(attempts);
        Instant next = store.now().plus(delay);
        store.tx().run(em -> {
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
        MailConfiguration settings = config.get();
        long baseMillis = Math.max(1, settings.retryBaseSeconds()) * 1000L;
        long capMillis = Math.max(1, settings.maxRetryDelayMinutes()) * 60_000L;
        long delay = baseMillis << Math.min(30, Math.max(0, attempts - 1));
        delay = Math.min(delay <= 0 ? capMillis : delay, capMillis);
        long half = delay / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (delay - half)));
    }

    private void finish(MailRecord claimed, MailState state, String reason, Outcome outcome, String action,
            int attempts) {
        Instant now = store.now();
        int keepFailedDays = config.get().keepFailedDays();
        MailRecord done = store.tx().write(em -> {
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
            if (state != MailState.FAILED || keepFailedDays <= 0) {
                r.dropContent();
            }
            return r;
        });
        if (done != null) {
            audit.of(Actor.system(), action, done, outcome, reason == null ? "" : reason);
        }
    }

    private void dropContentOfOldFailures() {
        long before = MailStore.micros(store.now().minus(Duration.ofDays(Math.max(0, config.get().keepFailedDays()))));
        store.tx().run(em -> em.createQuery("UPDATE MailRecord m SET m.recipient = NULL, m.subject = NULL, "
                + "m.textBody = NULL, m.htmlBody = NULL, m.headers = NULL WHERE m.state = :s AND m.doneMicros < :t "
                + "AND m.recipient IS NOT NULL").setParameter("s", MailState.FAILED.name()).setParameter("t", before)
                .executeUpdate());
    }
}
