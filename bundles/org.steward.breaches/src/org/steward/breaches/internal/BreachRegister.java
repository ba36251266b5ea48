package org.steward.breaches.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditLog;
import org.steward.breaches.Breach;
import org.steward.breaches.BreachDraft;
import org.steward.breaches.BreachId;
import org.steward.breaches.BreachStatus;
import org.steward.breaches.Breaches;
import org.steward.breaches.BreachesStatus;
import org.steward.breaches.PersonNotice;
import org.steward.breaches.ProcessingActivity;
import org.steward.breaches.Recipient;
import org.steward.core.Actor;
import org.steward.core.Scheduler;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.permissions.AccessDecisions;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;

/**
 * The breaches module's component on its own persistence unit {@value #UNIT}: it wires the register and the
 * authority notification ({@link BreachBook}), the overdue check run by the core {@link Scheduler}, the notices to
 * people ({@link PeopleNotices}, through the mail module when installed) and the register of processing activities
 * ({@link ProcessingRegister}, from the personal-data providers' whiteboard).
 */
@Component(service = Breaches.class, immediate = true, configurationPid = BreachesConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BreachesConfiguration.class)
public final class BreachRegister implements Breaches {

    static final String UNIT = "steward.breaches";
    static final int SCHEMA_VERSION = 1;

    private final Transactions db;
    private final String database;
    private final int checkIntervalSeconds;
    private final BreachBook book;
    private final PeopleNotices notices;
    private final ProcessingRegister register;
    private final Scheduler.Task overdueCheck;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PersonalDataProvider> providers;

    /** Registered by the mail-backed component; absent without the mail module. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NoticeMail mail;

    /** Registered by the contacts-backed component; absent without the contacts module. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AddressBook addressBook;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile OverdueAlerts alerts;

    @Activate
    public BreachRegister(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference AuditLog audit, @Reference AccessDecisions access,
            @Reference Scheduler scheduler, BundleContext context, BreachesConfiguration config) {
        this.checkIntervalSeconds = Math.max(1, Math.min(3600, config.checkIntervalSeconds()));
        try {
            this.db = Transactions.of(persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION)),
                    "the breach register");
            this.database = persistence.info().url();
        } catch (RuntimeException e) {
            logger.error("The breaches module cannot start: {}", e.toString(), e);
            throw e;
        }
        this.book = new BreachBook(db, audit, access, () -> clock, logger);
        this.notices = new PeopleNotices(db, audit, access, () -> clock, () -> mail, () -> addressBook, logger);
        this.register = new ProcessingRegister(audit, access, () -> providers, logger);
        this.overdueCheck = scheduler.every("breaches: overdue check", Duration.ofSeconds(1),
                Duration.ofSeconds(checkIntervalSeconds), new OverdueCheck(book, audit, () -> clock, () -> alerts,
                        logger));
        logger.info("Breach register ready");
    }

    @Deactivate
    void deactivate() {
        overdueCheck.cancel();
        db.factory().close();
    }

    @Override
    public Breach record(BreachDraft draft, Actor actor) {
        return book.record(draft, actor);
    }

    @Override
    public Breach update(BreachId id, BreachDraft draft, Actor actor) {
        return book.update(id, draft, actor);
    }

    @Override
    public Breach get(BreachId id, Actor actor) {
        return book.get(id, actor);
    }

    @Override
    public List<Breach> list(Actor actor) {
        return book.list(actor);
    }

    @Override
    public List<Breach> overdue(Actor actor) {
        return book.overdue(actor);
    }

    @Override
    public Breach notifyAuthority(BreachId id, Instant notifiedAt, String reference, String delayReasons,
            Actor actor) {
        return book.notifyAuthority(id, notifiedAt, reference, delayReasons, actor);
    }

    @Override
    public List<PersonNotice> notifyPeople(BreachId id, List<Recipient> recipients, Actor actor) {
        return notices.notifyPeople(id, recipients, actor);
    }

    @Override
    public List<PersonNotice> notices(BreachId id, Actor actor) {
        return notices.notices(id, actor);
    }

    @Override
    public List<ProcessingActivity> processingRegister(Actor actor) {
        return register.processingRegister(actor);
    }

    @Override
    public int exportProcessingRegister(Path file, Actor actor) {
        return register.exportProcessingRegister(file, actor);
    }

    @Override
    public BreachesStatus status() {
        Instant now = clock.instant();
        List<Breach> all = book.all();
        return new BreachesStatus(database, (int) all.stream().filter(b -> b.details().status() != BreachStatus.CLOSED)
                .count(), (int) all.stream().filter(b -> b.overdueAt(now)).count(), checkIntervalSeconds,
                mail != null, addressBook != null);
    }
}
