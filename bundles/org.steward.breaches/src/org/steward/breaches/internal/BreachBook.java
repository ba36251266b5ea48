package org.steward.breaches.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.breaches.Breach;
import org.steward.breaches.BreachDraft;
import org.steward.breaches.BreachId;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.Transactions;

/**
 * The breach register (Art. 33(5)): entering and editing breaches, reading them, and the notification of the
 * supervisory authority that ends the 72-hour clock (Art. 33(1)).
 */
final class BreachBook {

    private static final String MODULE = org.steward.breaches.Breaches.MODULE;
    static final String TYPE = "breach";

    private final Transactions db;
    private final AuditLog audit;
    private final AccessDecisions access;
    private final Supplier<Clock> clock;
    private final Logger logger;

    BreachBook(Transactions db, AuditLog audit, AccessDecisions access, Supplier<Clock> clock, Logger logger) {
        this.db = db;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
        this.logger = logger;
    }

    private Instant now() {
        return clock.get().instant();
    }

    Breach record(BreachDraft draft, Actor actor) {
        access.require(actor, Operation.CREATE, MODULE, Optional.empty());
        Instant now = now();
        BreachDrafts.validate(draft, now);
        BreachId id = BreachId.random();
        Breach breach = db.write(em -> {
            BreachRecord r = new BreachRecord();
            r.id = id.value();
            BreachDrafts.apply(r, draft);
            r.recordedAt = now;
            r.recordedBy = actor.userId();
            r.updatedAt = now;
            em.persist(r);
            return BreachDrafts.toBreach(r);
        });
        audit.append(AuditEvent.builder(actor, "breach.record").target(MODULE, TYPE, id.value())
                .fields(BreachDrafts.changedFields(null, draft)).details("risk " + draft.risk() + ", due "
                        + breach.notificationDue())
                .build());
        logger.info("Breach {} recorded; the supervisory authority is due to be notified by {}", id,
                breach.notificationDue());
        return breach;
    }

    Breach update(BreachId id, BreachDraft draft, Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        Instant now = now();
        BreachDrafts.validate(draft, now);
        List<String> changed = new ArrayList<>();
        Breach breach = db.write(em -> {
            BreachRecord r = BreachDrafts.find(em, id);
            changed.addAll(BreachDrafts.changedFields(BreachDrafts.toBreach(r).details(), draft));
            BreachDrafts.apply(r, draft);
            r.updatedAt = now;
            return BreachDrafts.toBreach(r);
        });
        audit.append(AuditEvent.builder(actor, "breach.update").target(MODULE, TYPE, id.value()).fields(changed)
                .details("risk " + draft.risk() + ", status " + draft.status()).build());
        return breach;
    }

    Breach get(BreachId id, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        Breach breach = db.read(em -> BreachDrafts.toBreach(BreachDrafts.find(em, id)));
        audit.append(AuditEvent.builder(actor, "breach.read").target(MODULE, TYPE, id.value()).build());
        return breach;
    }

    List<Breach> all() {
        return db.read(em -> em.createQuery("SELECT b FROM BreachRecord b ORDER BY b.awareAt DESC", BreachRecord.class)
                .getResultList().stream().map(BreachDrafts::toBreach).toList());
    }

    List<Breach> list(Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        List<Breach> breaches = all();
        audit.append(AuditEvent.builder(actor, "breach.list").target(MODULE, TYPE)
                .details(breaches.size() + " breaches").build());
        return breaches;
    }

    List<Breach> overdue(Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        Instant now = now();
        List<Breach> overdue = all().stream().filter(b -> b.overdueAt(now))
                .sorted(Comparator.comparing(Breach::notificationDue)).toList();
        audit.append(AuditEvent.builder(actor, "breach.list").target(MODULE, TYPE)
                .details(overdue.size() + " overdue breaches").build());
        return overdue;
    }

    Breach notifyAuthority(BreachId id, Instant notifiedAt, String reference, String delayReasons,
            Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        Instant now = now();
        Instant when = notifiedAt == null ? now : notifiedAt;
        String ref = reference == null ? "" : reference.strip();
        String reasons = delayReasons == null ? "" : delayReasons.strip();
        if (ref.isEmpty()) {
            throw new ValidationException("reference", "is required (the authority's case reference)");
        }
        if (ref.length() > 200) {
            throw new ValidationException("reference", "is longer than 200 characters");
        }
        if (when.isAfter(now.plus(BreachDrafts.SKEW))) {
            throw new ValidationException("notifiedAt", "lies in the future");
        }
        Breach breach = db.write(em -> {
            BreachRecord r = BreachDrafts.find(em, id);
            if (r.authorityNotifiedAt != null) {
                throw new ConflictException("The notification of the authority for breach " + id
                        + " is already recorded (" + r.authorityNotifiedAt + ")");
            }
            if (when.isBefore(r.awareAt)) {
                throw new ValidationException("notifiedAt", "lies before the breach became known");
            }
            if (when.isAfter(r.awareAt.plus(Breach.NOTIFICATION_PERIOD)) && reasons.isEmpty()) {
                throw new ValidationException("delayReasons", "are required: the notification came more than 72 "
                        + "hours after awareness (GDPR Art. 33(1))");
            }
            r.authorityNotifiedAt = when;
            r.authorityReference = ref;
            r.delayReasons = reasons;
            r.authorityRecordedBy = actor.userId();
            r.updatedAt = now;
            return BreachDrafts.toBreach(r);
        });
        boolean late = breach.authority().orElseThrow().late();
        audit.append(AuditEvent.builder(actor, "breach.notify-authority").target(MODULE, TYPE, id.value())
                .fields(reasons.isEmpty() ? List.of("authorityNotifiedAt", "authorityReference")
                        : List.of("authorityNotifiedAt", "authorityReference", "delayReasons"))
                .details((late ? "late" : "in time") + ", notified " + when + ", due " + breach.notificationDue())
                .build());
        logger.info("Authority notification of breach {} recorded ({})", id, late ? "late" : "in time");
        return breach;
    }

    /** Marks an overdue breach as alerted; answers it as it stands now. */
    Breach alerted(BreachId id, Instant at) {
        return db.write(em -> {
            BreachRecord r = BreachDrafts.find(em, id);
            r.overdueAlertedAt = at;
            return BreachDrafts.toBreach(r);
        });
    }
}
