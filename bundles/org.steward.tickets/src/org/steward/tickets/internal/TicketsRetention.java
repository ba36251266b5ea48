package org.steward.tickets.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionParticipant;
import org.steward.core.spi.RetentionResult;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.persistence.Transactions;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.Tickets;

/**
 * The tickets module's retention participant: closed tickets age out after the configured months (anonymised or
 * moved to the recycle bin), and the recycle bin is purged for good. One ticket per transaction, so that an
 * interrupted run resumes with what is left.
 */
@Component(service = RetentionParticipant.class, configurationPid = TicketsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { RetentionParticipant.MODULE_PROPERTY + "=" + Tickets.MODULE })
public final class TicketsRetention implements RetentionParticipant {

    static final String CLOSED_CATEGORY = "tickets-closed";
    private static final int LISTED = 1000;

    private final Logger logger;
    private final AuditLog audit;
    private final TeamAccess access;
    private final Transactions transactions;
    private final TicketsConfiguration config;
    private final boolean recycles;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public TicketsRetention(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference TicketStore store, @Reference AuditLog audit, @Reference AccessDecisions decisions,
            @Reference PermissionAdministration administration, TicketsConfiguration config) {
        this.logger = logger;
        this.audit = audit;
        this.access = new TeamAccess(decisions, administration);
        this.transactions = store.transactions();
        this.config = config;
        this.recycles = PolicyChoice.retentionRecycles(logger, config);
        logger.info("Tickets retention: closed tickets {} after {} months", recycles ? "recycled" : "anonymised",
                config.closedRetentionMonths());
    }

    @Override
    public String module() {
        return Tickets.MODULE;
    }

    @Override
    public List<RetentionCategory> categories() {
        return List.of(new RetentionCategory(CLOSED_CATEGORY, "Closed tickets, counted from their closing time",
                recycles ? RetentionCategory.Action.RECYCLE : RetentionCategory.Action.ANONYMISE,
                Math.max(0, config.closedRetentionMonths())));
    }

    @Override
    public RetentionResult expire(String category, Instant cutoff, boolean dryRun, Actor actor) {
        TicketInput.actor(actor);
        if (!CLOSED_CATEGORY.equals(category)) {
            throw new ValidationException("category", "the tickets module has only '" + CLOSED_CATEGORY + "'");
        }
        if (cutoff == null) {
            throw new ValidationException("cutoff", "is required");
        }
        access.requireModule(actor, Operation.DELETE);
        List<String> due = transactions.read(em -> em.createQuery("SELECT t.id FROM TicketRecord t WHERE t.status = "
                + ":closed AND t.closedAt < :cutoff AND t.deletedAt IS NULL AND t.anonymised = FALSE ORDER BY "
                + "t.closedAt", String.class).setParameter("closed", TicketStatus.CLOSED.name())
                .setParameter("cutoff", cutoff).getResultList());
        if (!dryRun) {
            Instant now = clock.instant();
            for (String id : due) {
                transactions.run(em -> {
                    TicketRecord ticket = em.find(TicketRecord.class, id);
                    if (ticket == null || ticket.deletedAt != null || ticket.anonymised) {
                        return;
                    }
                    PersonId person = TicketViews.person(ticket);
                    if (recycles) {
                        ticket.deletedAt = now;
                    } else {
                        TicketStore.anonymise(em, ticket, now);
                    }
                    em.flush();
                    audit.append(AuditEvent.builder(actor, "tickets.retention.expire").target(Tickets.MODULE,
                            Tickets.TYPE, id).person(person).details(CLOSED_CATEGORY + ": " + (recycles
                                    ? "moved to the recycle bin" : "anonymised")).build());
                });
            }
        }
        return new RetentionResult(Tickets.MODULE, CLOSED_CATEGORY, due.size(), listed(due), dryRun);
    }

    @Override
    public RetentionResult purgeRecycleBin(Instant deletedBefore, boolean dryRun, Actor actor) {
        TicketInput.actor(actor);
        if (deletedBefore == null) {
            throw new ValidationException("deletedBefore", "is required");
        }
        access.requireModule(actor, Operation.DELETE);
        List<String> due = transactions.read(em -> em.createQuery("SELECT t.id FROM TicketRecord t WHERE t.deletedAt "
                + "IS NOT NULL AND t.deletedAt < :before ORDER BY t.deletedAt", String.class)
                .setParameter("before", deletedBefore).getResultList());
        if (!dryRun) {
            for (String id : due) {
                transactions.run(em -> {
                    TicketRecord ticket = em.find(TicketRecord.class, id);
                    if (ticket == null) {
                        return;
                    }
                    PersonId person = TicketViews.person(ticket);
                    TicketStore.delete(em, ticket);
                    em.flush();
                    audit.append(AuditEvent.builder(actor, "tickets.recycle-bin.purge").target(Tickets.MODULE,
                            Tickets.TYPE, id).person(person).details("deleted for good from the recycle bin").build());
                });
            }
            access.unshare(due, logger);
        }
        return new RetentionResult(Tickets.MODULE, RetentionResult.RECYCLE_BIN, due.size(), listed(due), dryRun);
    }

    private static List<String> listed(List<String> ids) {
        return ids.subList(0, Math.min(LISTED, ids.size()));
    }
}
