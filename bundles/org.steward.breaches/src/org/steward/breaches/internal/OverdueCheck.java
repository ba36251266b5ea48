package org.steward.breaches.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.breaches.Breach;
import org.steward.breaches.Breaches;
import org.steward.core.Actor;

/**
 * The 72-hour clock's alarm: run periodically by the core scheduler, it alerts every breach whose authority
 * notification is overdue, once each (log warning, audit entry, and the {@link OverdueAlerts} when installed).
 */
final class OverdueCheck implements Runnable {

    private final BreachBook book;
    private final AuditLog audit;
    private final Supplier<Clock> clock;
    private final Supplier<OverdueAlerts> alerts;
    private final Logger logger;

    OverdueCheck(BreachBook book, AuditLog audit, Supplier<Clock> clock, Supplier<OverdueAlerts> alerts,
            Logger logger) {
        this.book = book;
        this.audit = audit;
        this.clock = clock;
        this.alerts = alerts;
        this.logger = logger;
    }

    @Override
    public void run() {
        try {
            Instant now = clock.get().instant();
            for (Breach breach : book.all()) {
                if (breach.overdueAt(now) && breach.overdueAlertedAt().isEmpty()) {
                    Breach alerted = book.alerted(breach.id(), now);
                    logger.warn("Breach {} is OVERDUE: the supervisory authority had to be notified by {} "
                            + "(72 hours after awareness, GDPR Art. 33(1)); record the notification and the reasons "
                            + "for the delay with breaches:notify-authority", breach.id(), breach.notificationDue());
                    audit.append(AuditEvent.builder(Actor.system(), "breach.overdue")
                            .target(Breaches.MODULE, BreachBook.TYPE, breach.id().value()).outcome(Outcome.FAILED)
                            .details("authority notification was due " + breach.notificationDue()).build());
                    OverdueAlerts listener = alerts.get();
                    if (listener != null) {
                        listener.overdue(alerted);
                    }
                }
            }
        } catch (RuntimeException e) {
            // the next check tries again
            logger.error("The overdue check of the breach register failed: {}", e.toString());
        }
    }
}
