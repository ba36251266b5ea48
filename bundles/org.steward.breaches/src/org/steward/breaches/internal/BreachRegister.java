package org.steward.breaches.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.breaches.AuthorityNotification;
import org.steward.breaches.Breach;
import org.steward.breaches.BreachDraft;
import org.steward.breaches.BreachId;
import org.steward.breaches.BreachStatus;
import org.steward.breaches.Breaches;
import org.steward.breaches.BreachesStatus;
import org.steward.breaches.NoticeOutcome;
import org.steward.breaches.PersonNotice;
import org.steward.breaches.ProcessingActivity;
import org.steward.breaches.Recipient;
import org.steward.breaches.RiskLevel;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * The breach register on the module's own persistence unit, its overdue check (a daemon thread that alerts each
 * overdue breach once), the notification of people through the mail outbox and the register of processing activities
 * from the personal-data providers (whiteboard).
 */
@Component(service = Breaches.class, immediate = true, configurationPid = BreachesConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BreachesConfiguration.class)
public final class BreachRegister implements Breaches {

    static final String UNIT = "steward.breaches";
    static final int SCHEMA_VERSION = 1;
    static final String TEMPLATE = "breach-notice";
    /**
     * Optional service property of a personal-data provider naming the categories of data subjects for the register
     * of processing activities (Art. 30(1)(c)); the core SPI's description does not carry them.
     */
    public static final String DATA_SUBJECTS_PROPERTY = "steward.data.subjects";
    private static final String TYPE = "breach";
    /** How far ahead of the clock a time may be entered, for clocks of different machines. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final Logger logger;
    private final AuditLog audit;
    private final AccessDecisions access;
    private final EntityManagerFactory factory;
    private final String database;
    private final int checkIntervalSeconds;
    private final ScheduledExecutorService scheduler;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Map.Entry<Map<String, Object>, PersonalDataProvider>> providers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailOutbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailTemplates templates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AddressBook addressBook;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile OverdueAlerts alerts;

    /** A registered clock replaces the system clock (tests move it by hours). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public BreachRegister(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference AuditLog audit, @Reference AccessDecisions access,
            BundleContext context, BreachesConfiguration config) {
        this.logger = logger;
        this.audit = audit;
        this.access = access;
        this.checkIntervalSeconds = Math.max(1, Math.min(3600, config.checkIntervalSeconds()));
        try {
            this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
            this.database = persistence.info().url();
        } catch (RuntimeException e) {
            logger.error("The breaches module cannot start: {}", e.toString(), e);
            throw e;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "steward-breaches-clock");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::alertOverdue, 1, checkIntervalSeconds, TimeUnit.SECONDS);
        logger.info("Breach register ready");
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        factory.close();
    }

    private Instant now() {
        Clock c = clock;
        return (c == null ? Clock.systemUTC() : c).instant();
    }

    private <T> T tx(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            try {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
            } catch (RuntimeException ignored) {
                // the original failure matters
            }
            throw failure(e);
        } finally {
            em.close();
        }
    }

    private <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            em.close();
        }
    }

    private RuntimeException failure(RuntimeException e) {
        if (e instanceof StewardException) {
            return e;
        }
        logger.error("The breach register failed: {}", e.getClass().getName());
        return new UnavailableException("The breach register cannot use the database ("
                + e.getClass().getSimpleName() + ")", e);
    }

    // ------------------------------------------------------------------------------------------------ register

    @Override
    public Breach record(BreachDraft draft, Actor actor) {
        access.require(actor, Operation.CREATE, MODULE, Optional.empty());
        Instant now = now();
        validate(draft, now);
        BreachId id = BreachId.random();
        Breach breach = tx(em -> {
            BreachRecord r = new BreachRecord();
            r.id = id.value();
            apply(r, draft);
            r.recordedAt = now;
            r.recordedBy = actor.userId();
            r.updatedAt = now;
            em.persist(r);
            return toBreach(r);
        });
        audit.append(AuditEvent.builder(actor, "breach.record").target(MODULE, TYPE, id.value())
                .fields(changedFields(null, draft)).details("risk " + draft.risk() + ", due "
                        + breach.notificationDue())
                .build());
        logger.info("Breach {} recorded; the supervisory authority is due to be notified by {}", id,
                breach.notificationDue());
        return breach;
    }

    @Override
    public Breach update(BreachId id, BreachDraft draft, Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        Instant now = now();
        validate(draft, now);
        List<String> changed = new ArrayList<>();
        Breach breach = tx(em -> {
            BreachRecord r = find(em, id);
            changed.addAll(changedFields(toBreach(r).details(), draft));
            apply(r, draft);
            r.updatedAt = now;
            return toBreach(r);
        });
        audit.append(AuditEvent.builder(actor, "breach.update").target(MODULE, TYPE, id.value()).fields(changed)
                .details("risk " + draft.risk() + ", status " + draft.status()).build());
        return breach;
    }

    private static List<String> changedFields(BreachDraft before, BreachDraft after) {
        List<String> fields = new ArrayList<>();
        check(fields, "discoveredAt", before == null ? null : before.discoveredAt(), after.discoveredAt());
        check(fields, "awareAt", before == null ? null : before.awareAt(), after.awareAt());
        check(fields, "nature", before == null ? "" : before.nature(), after.nature());
        check(fields, "subjectCategories", before == null ? "" : before.subjectCategories(),
                after.subjectCategories());
        check(fields, "approxSubjects", before == null ? 0L : before.approxSubjects(), after.approxSubjects());
        check(fields, "dataCategories", before == null ? "" : before.dataCategories(), after.dataCategories());
        check(fields, "approxRecords", before == null ? 0L : before.approxRecords(), after.approxRecords());
        check(fields, "consequences", before == null ? "" : before.consequences(), after.consequences());
        check(fields, "measures", before == null ? "" : before.measures(), after.measures());
        check(fields, "contactPoint", before == null ? "" : before.contactPoint(), after.contactPoint());
        check(fields, "risk", before == null ? null : before.risk(), after.risk());
        check(fields, "status", before == null ? null : before.status(), after.status());
        return fields;
    }

    private static void check(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name);
        }
    }

    private void validate(BreachDraft draft, Instant now) {
        if (draft == null) {
            throw new ValidationException("draft", "is required");
        }
        List<Violation> found = new ArrayList<>();
        Instant latest = now.plus(SKEW);
        if (draft.discoveredAt() == null) {
            found.add(new Violation("discoveredAt", "is required"));
        } else if (draft.discoveredAt().isAfter(latest)) {
            found.add(new Violation("discoveredAt", "lies in the future"));
        }
        if (draft.awareAt() == null) {
            found.add(new Violation("awareAt", "is required"));
        } else if (draft.awareAt().isAfter(latest)) {
            found.add(new Violation("awareAt", "lies in the future"));
        } else if (draft.discoveredAt() != null && draft.awareAt().isBefore(draft.discoveredAt())) {
            found.add(new Violation("awareAt", "lies before discoveredAt"));
        }
        if (draft.nature().isEmpty()) {
            found.add(new Violation("nature", "is required (what happened)"));
        }
        if (draft.approxSubjects() < 0) {
            found.add(new Violation("approxSubjects", "cannot be negative"));
        }
        if (draft.approxRecords() < 0) {
            found.add(new Violation("approxRecords", "cannot be negative"));
        }
        if (draft.contactPoint().length() > 1000) {
            found.add(new Violation("contactPoint", "is longer than 1000 characters"));
        }
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }

    private static void apply(BreachRecord r, BreachDraft d) {
        r.discoveredAt = d.discoveredAt();
        r.awareAt = d.awareAt();
        r.nature = d.nature();
        r.subjectCategories = d.subjectCategories();
        r.approxSubjects = d.approxSubjects();
        r.dataCategories = d.dataCategories();
        r.approxRecords = d.approxRecords();
        r.consequences = d.consequences();
        r.measures = d.measures();
        r.contactPoint = d.contactPoint();
        r.risk = d.risk().name();
        r.status = d.status().name();
    }

    private static BreachRecord find(EntityManager em, BreachId id) {
        BreachRecord r = em.find(BreachRecord.class, Objects.requireNonNull(id, "id").value());
        if (r == null) {
            throw new NotFoundException("Breach", id);
        }
        return r;
    }

    private static Breach toBreach(BreachRecord r) {
        BreachDraft details = new BreachDraft(r.discoveredAt, r.awareAt, r.nature, r.subjectCategories,
                r.approxSubjects, r.dataCategories, r.approxRecords, r.consequences, r.measures, r.contactPoint,
                RiskLevel.valueOf(r.risk), BreachStatus.valueOf(r.status));
        Optional<AuthorityNotification> authority = r.authorityNotifiedAt == null ? Optional.empty()
                : Optional.of(new AuthorityNotification(r.authorityNotifiedAt, r.authorityReference,
                        r.authorityNotifiedAt.isAfter(r.awareAt.plus(Breach.NOTIFICATION_PERIOD)), r.delayReasons,
                        r.authorityRecordedBy));
        return new Breach(new BreachId(r.id), details, authority, Optional.ofNullable(r.overdueAlertedAt),
                r.recordedAt, r.recordedBy, r.updatedAt);
    }

    @Override
    public Breach get(BreachId id, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        Breach breach = read(em -> toBreach(find(em, id)));
        audit.append(AuditEvent.builder(actor, "breach.read").target(MODULE, TYPE, id.value()).build());
        return breach;
    }

    private List<Breach> all() {
        return read(em -> em.createQuery("SELECT b FROM BreachRecord b ORDER BY b.awareAt DESC", BreachRecord.class)
                .getResultList().stream().map(BreachRegister::toBreach).toList());
    }

    @Override
    public List<Breach> list(Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        List<Breach> breaches = all();
        audit.append(AuditEvent.builder(actor, "breach.list").target(MODULE, TYPE)
                .details(breaches.size() + " breaches").build());
        return breaches;
    }

    @Override
    public List<Breach> overdue(Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        Instant now = now();
        List<Breach> overdue = all().stream().filter(b -> b.overdueAt(now))
                .sorted(Comparator.comparing(Breach::notificationDue)).toList();
        audit.append(AuditEvent.builder(actor, "breach.list").target(MODULE, TYPE)
                .details(overdue.size() + " overdue breaches").build());
        return overdue;
    }

    // ------------------------------------------------------------------------------------------------ the clock

    /** Alerts every overdue breach not alerted yet: log warning, audit entry, Event Admin event. */
    void alertOverdue() {
        try {
            Instant now = now();
            for (Breach breach : all()) {
                if (breach.overdueAt(now) && breach.overdueAlertedAt().isEmpty()) {
                    Breach alerted = tx(em -> {
                        BreachRecord r = find(em, breach.id());
                        r.overdueAlertedAt = now;
                        return toBreach(r);
                    });
                    logger.warn("Breach {} is OVERDUE: the supervisory authority had to be notified by {} "
                            + "(72 hours after awareness, GDPR Art. 33(1)); record the notification and the reasons "
                            + "for the delay with breaches:notify-authority", breach.id(), breach.notificationDue());
                    audit.append(AuditEvent.builder(Actor.system(), "breach.overdue")
                            .target(MODULE, TYPE, breach.id().value()).outcome(Outcome.FAILED)
                            .details("authority notification was due " + breach.notificationDue()).build());
                    OverdueAlerts listener = alerts;
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

    @Override
    public Breach notifyAuthority(BreachId id, Instant notifiedAt, String reference, String delayReasons,
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
        if (when.isAfter(now.plus(SKEW))) {
            throw new ValidationException("notifiedAt", "lies in the future");
        }
        Breach breach = tx(em -> {
            BreachRecord r = find(em, id);
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
            return toBreach(r);
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

    // ------------------------------------------------------------------------------------------------ Art. 34

    @Override
    public List<PersonNotice> notifyPeople(BreachId id, List<Recipient> recipients, Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        if (recipients == null || recipients.isEmpty()) {
            throw new ValidationException("recipients", "name at least one person");
        }
        MailOutbox mail = outbox;
        MailTemplates texts = templates;
        if (mail == null || texts == null) {
            throw new UnavailableException("The mail module is not running; nobody was notified");
        }
        Breach breach = read(em -> toBreach(find(em, id)));
        Map<String, String> values = Map.of("nature", breach.details().nature(), "consequences",
                breach.details().consequences(), "measures", breach.details().measures(), "contact",
                breach.details().contactPoint());
        List<PersonNotice> notices = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        for (Recipient given : recipients) {
            PersonId person = given.person();
            Optional<PersonNotice> earlier = notice(id, person);
            if (earlier.isPresent() && earlier.get().outcome() == NoticeOutcome.QUEUED) {
                notices.add(earlier.get());
                continue; // told already: never twice
            }
            PersonNotice notice = notify(breach, complete(given, actor), values, mail, texts);
            save(id, notice);
            notices.add(notice);
            events.add(AuditEvent.builder(actor, "breach.notify-person").target(MODULE, TYPE, id.value())
                    .person(person).outcome(notice.outcome() == NoticeOutcome.QUEUED ? Outcome.SUCCESS
                            : Outcome.FAILED)
                    .details(notice.outcome() + notice.mailId().map(m -> ", mail " + m).orElse("")
                            + (notice.reason().isEmpty() ? "" : ", " + notice.reason()))
                    .build());
        }
        if (!events.isEmpty()) {
            audit.appendAll(events);
        }
        return notices;
    }

    /** The address and language from the contacts module when not given. */
    private Recipient complete(Recipient given, Actor actor) {
        if (given.email().isPresent()) {
            return given;
        }
        AddressBook book = addressBook;
        if (book == null) {
            return given;
        }
        try {
            return book.lookup(given.person(), actor).map(found -> new Recipient(given.person(), found.email(),
                    given.language().or(found::language))).orElse(given);
        } catch (StewardException e) {
            logger.warn("The address of a person to notify of a breach could not be looked up: {}", e.code());
            return given;
        }
    }

    private PersonNotice notify(Breach breach, Recipient recipient, Map<String, String> values, MailOutbox mail,
            MailTemplates texts) {
        Instant now = now();
        if (recipient.email().isEmpty()) {
            return new PersonNotice(recipient.person(), now, NoticeOutcome.NO_ADDRESS, Optional.empty(),
                    addressBook == null ? "no address given and the contacts module is not installed"
                            : "no address known");
        }
        try {
            RenderedMail content = texts.render(TEMPLATE, recipient.language().orElse(Locale.ENGLISH), values);
            MailId queued = mail.enqueue(OutgoingMail.to(recipient.email().get(), recipient.person(),
                    OutgoingMail.SERVICE, content));
            return new PersonNotice(recipient.person(), now, NoticeOutcome.QUEUED, Optional.of(queued.value()), "");
        } catch (MailRefusedException e) {
            return new PersonNotice(recipient.person(), now, NoticeOutcome.REFUSED, Optional.empty(),
                    PersonNoticeReasons.shorten(e.getMessage()));
        } catch (ValidationException e) {
            // names the field and the reason, never the value
            return new PersonNotice(recipient.person(), now, NoticeOutcome.REFUSED, Optional.empty(),
                    PersonNoticeReasons.shorten(e.getMessage()));
        }
    }

    private Optional<PersonNotice> notice(BreachId id, PersonId person) {
        return read(em -> Optional.ofNullable(em.find(NoticeRecord.class, NoticeRecord.id(id.value(),
                person.toString()))).map(BreachRegister::toNotice));
    }

    private void save(BreachId id, PersonNotice notice) {
        tx(em -> {
            String key = NoticeRecord.id(id.value(), notice.person().toString());
            NoticeRecord r = em.find(NoticeRecord.class, key);
            if (r == null) {
                r = new NoticeRecord();
                r.id = key;
                r.breachId = id.value();
                r.personId = notice.person().toString();
                em.persist(r);
            }
            r.notifiedAt = notice.at();
            r.outcome = notice.outcome().name();
            r.mailId = notice.mailId().orElse(null);
            r.reason = notice.reason().isEmpty() ? null : notice.reason();
            return null;
        });
    }

    private static PersonNotice toNotice(NoticeRecord r) {
        return new PersonNotice(PersonId.parse(r.personId), r.notifiedAt, NoticeOutcome.valueOf(r.outcome),
                Optional.ofNullable(r.mailId), r.reason);
    }

    @Override
    public List<PersonNotice> notices(BreachId id, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        return read(em -> {
            find(em, id);
            return em.createQuery("SELECT n FROM NoticeRecord n WHERE n.breachId = :b ORDER BY n.notifiedAt, n.id",
                    NoticeRecord.class).setParameter("b", id.value()).getResultList().stream()
                    .map(BreachRegister::toNotice).toList();
        });
    }

    // ------------------------------------------------------------------------------------------------ Art. 30

    @Override
    public List<ProcessingActivity> processingRegister(Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        return activities();
    }

    private List<ProcessingActivity> activities() {
        List<Map.Entry<Map<String, Object>, PersonalDataProvider>> current = providers;
        List<ProcessingActivity> activities = new ArrayList<>();
        if (current == null) {
            return activities;
        }
        for (Map.Entry<Map<String, Object>, PersonalDataProvider> provider : current) {
            DataDescription description;
            try {
                description = provider.getValue().describe();
            } catch (RuntimeException e) {
                logger.warn("A personal-data provider failed to describe its data: {}", e.toString());
                continue;
            }
            List<String> subjects = subjects(provider.getKey().get(DATA_SUBJECTS_PROPERTY), description.module());
            for (DataCategory category : description.categories()) {
                activities.add(new ProcessingActivity(description.module(), category.name(), category.purposes(),
                        subjects, category.fields().stream().map(f -> f.name() + " (" + f.classification()
                                .name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")").toList(),
                        category.recipients(), category.retention(), category.lawfulBases()));
            }
        }
        activities.sort(Comparator.comparing(ProcessingActivity::module).thenComparing(ProcessingActivity::category));
        return activities;
    }

    private static List<String> subjects(Object property, String module) {
        if (property instanceof String[] many && many.length > 0) {
            return List.of(many);
        }
        if (property instanceof java.util.Collection<?> many && !many.isEmpty()) {
            return many.stream().map(String::valueOf).toList();
        }
        if (property instanceof String one && !one.isBlank()) {
            return List.of(one);
        }
        return List.of("people whose data the " + module + " module holds");
    }

    @Override
    public int exportProcessingRegister(Path file, Actor actor) {
        access.require(actor, Operation.EXPORT, MODULE, Optional.empty());
        if (file == null) {
            throw new ValidationException("file", "is required");
        }
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ValidationException("file", "its folder does not exist");
        }
        List<ProcessingActivity> activities = activities();
        byte[] csv = RegisterCsv.write(activities).getBytes(StandardCharsets.UTF_8);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, ".ropa-", ".tmp");
            Files.write(temporary, csv);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                if (temporary != null) {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException ignored) {
                // nothing more to clean
            }
            throw new ValidationException("file", "cannot be written (" + e.getClass().getSimpleName() + ")");
        }
        audit.append(AuditEvent.builder(actor, "breach.ropa.export").target(MODULE, "processing-register")
                .details(activities.size() + " activities as CSV to " + target.getFileName()).build());
        return activities.size();
    }

    @Override
    public BreachesStatus status() {
        Instant now = now();
        List<Breach> all = all();
        return new BreachesStatus(database, (int) all.stream().filter(b -> b.details().status() != BreachStatus.CLOSED)
                .count(), (int) all.stream().filter(b -> b.overdueAt(now)).count(), checkIntervalSeconds,
                outbox != null && templates != null, addressBook != null);
    }
}
