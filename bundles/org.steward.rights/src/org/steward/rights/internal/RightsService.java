package org.steward.rights.internal;

import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.audit.Outcome;
import org.steward.contacts.Contact;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.DataClassification;
import org.steward.core.DataDirectory;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyManagement;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.rights.Deadlines;
import org.steward.rights.ErasureReport;
import org.steward.rights.ExportReport;
import org.steward.rights.LegalHold;
import org.steward.rights.LegalHoldException;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestState;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.SubjectRights;
import org.steward.rights.Verification;

import jakarta.persistence.EntityManager;

/**
 * The request register and the orchestration over every {@link PersonalDataProvider}. Requests, holds, erasure journals
 * and tracked exports live in the module's own unit {@value #UNIT}; providers come and go through the whiteboard.
 */
@Component(service = { RequestRegister.class, SubjectRights.class }, immediate = true,
        configurationPid = RightsConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RightsConfiguration.class)
public final class RightsService implements RequestRegister, SubjectRights {

    static final String UNIT = "steward.rights";
    static final int SCHEMA_VERSION = 1;
    static final String AUDIT_MODULE = "audit";

    final Logger logger;
    final AuditLog audit;
    final AccessDecisions access;
    final KeyManagement keys;
    final BlindIndex blindIndex;
    final FieldEncryption encryption;
    final Db db;
    final Providers providers = new Providers();
    private final DataDirectory dataDirectory;
    private final RightsConfiguration config;
    private final URL schema;
    private final Erasures erasures;
    private final ScheduledExecutorService background;
    private final AtomicBoolean resumeQueued = new AtomicBoolean();
    private volatile boolean active = true;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ErasureBlocklist blocklist;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Contacts contacts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Notices notices;

    @Activate
    public RightsService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference DataDirectory dataDirectory,
            @Reference AuditLog audit, @Reference AccessDecisions access, @Reference KeyManagement keys,
            @Reference BlindIndex blindIndex, @Reference FieldEncryption encryption, BundleContext context,
            RightsConfiguration config) {
        this.logger = logger;
        this.audit = audit;
        this.access = access;
        this.keys = keys;
        this.blindIndex = blindIndex;
        this.encryption = encryption;
        this.dataDirectory = dataDirectory;
        this.config = config;
        this.schema = context.getBundle().getEntry(ExportPackage.SCHEMA_RESOURCE);
        if (schema == null) {
            throw new IllegalStateException("The export JSON Schema is missing from the bundle");
        }
        try {
            this.db = new Db(persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION)));
        } catch (RuntimeException e) {
            logger.error("The rights module cannot start: {}", e.toString(), e);
            throw e;
        }
        this.erasures = new Erasures(this);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "steward-rights-resume");
            thread.setDaemon(true);
            return thread;
        });
        scheduleResume(Math.max(0, config.resumeDelaySeconds()));
        logger.info("Rights module ready");
    }

    @Deactivate
    void deactivate() {
        active = false;
        background.shutdownNow();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(PersonalDataProvider provider, Map<String, Object> properties) {
        providers.add(provider, properties);
        // an erasure may be waiting for exactly this module
        if (db != null && erasures != null) {
            scheduleResume(1);
        }
    }

    void removeProvider(PersonalDataProvider provider, Map<String, Object> properties) {
        providers.remove(provider, properties);
    }

    private void scheduleResume(int delaySeconds) {
        if (background == null || !active || !resumeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            background.schedule(() -> {
                resumeQueued.set(false);
                if (active) {
                    erasures.resumeUnfinished();
                }
            }, delaySeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            resumeQueued.set(false);
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    Instant now() {
        Clock c = clock;
        return (c == null ? Clock.systemUTC() : c).instant();
    }

    LocalDate today() {
        Clock c = clock;
        return LocalDate.now(c == null ? Clock.systemDefaultZone() : c);
    }

    private static RecordRef requestRef(RequestId id) {
        return RecordRef.unowned(MODULE, "request", id.value());
    }

    void audit(AuditEvent.Builder event) {
        audit.append(event.build());
    }

    AuditEvent.Builder event(Actor actor, String action, String type, String id, PersonId person) {
        return AuditEvent.builder(actor, action).target(MODULE, type, id).person(person);
    }

    private RequestRecord record(EntityManager em, RequestId id) {
        RequestRecord record = em.find(RequestRecord.class, id.value());
        if (record == null) {
            throw new NotFoundException("Rights request", id);
        }
        return record;
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new ValidationException(field, "is longer than " + max + " characters");
        }
        return text;
    }

    // -------------------------------------------------------------------------------------------------- register

    @Override
    public RightsRequest register(RequestType type, PersonId person, LocalDate received, String channel,
            Actor actor) {
        access.require(actor, Operation.CREATE, MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        return insert(type, person, null, received, channel, Verification.UNVERIFIED, actor);
    }

    @Override
    public RightsRequest register(RequestType type, String email, LocalDate received, String channel, Actor actor) {
        access.require(actor, Operation.CREATE, MODULE, Optional.empty());
        String index = blindIndex.email(email);
        PersonId person = findPerson(email, actor).or(() -> earlierPerson(index)).orElseGet(PersonId::random);
        return insert(type, person, index, received, channel, Verification.UNVERIFIED, actor);
    }

    private Optional<PersonId> earlierPerson(String emailIndex) {
        return db.read(em -> em.createQuery("SELECT r.personId FROM RequestRecord r WHERE r.emailIndex = :i "
                + "ORDER BY r.registeredAt DESC", String.class).setParameter("i", emailIndex).setMaxResults(1)
                .getResultList().stream().findFirst().map(PersonId::parse));
    }

    private Optional<PersonId> findPerson(String email, Actor actor) {
        Contacts c = contacts;
        if (c == null) {
            throw new UnavailableException("The contacts module is not running: an e-mail address cannot be "
                    + "resolved to a person");
        }
        return c.findByEmail(email, actor).map(Contact::person);
    }

    RightsRequest insert(RequestType type, PersonId person, String emailIndex, LocalDate received, String channel,
            Verification verification, Actor actor) {
        if (type == null) {
            throw new ValidationException("type", "is required");
        }
        LocalDate today = today();
        LocalDate day = received == null ? today : received;
        if (day.isAfter(today)) {
            throw new ValidationException("received", "cannot be in the future");
        }
        String via = channel == null || channel.isBlank() ? actor.channel().name().toLowerCase(Locale.ROOT)
                : required("channel", channel, 64);
        RequestRecord record = new RequestRecord();
        record.id = RequestId.random().value();
        record.type = type.name();
        record.personId = person.toString();
        record.emailIndex = emailIndex;
        record.channel = via;
        record.receivedOn = day;
        record.verification = verification.name();
        record.state = RequestState.RECEIVED.name();
        record.dueOn = Deadlines.due(day);
        record.extensionMonths = 0;
        record.registeredAt = now();
        record.registeredBy = actor.userId();
        db.tx(em -> {
            em.persist(record);
            return null;
        });
        audit(event(actor, "rights.request.register", "request", record.id, person)
                .details("type=" + type + " received=" + day + " due=" + record.dueOn + " verification="
                        + verification));
        return record.toRequest();
    }

    @Override
    public RightsRequest get(RequestId id, Actor actor) {
        access.require(actor, Operation.READ, requestRef(id));
        return find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
    }

    @Override
    public Optional<RightsRequest> find(RequestId id) {
        return db.read(em -> Optional.ofNullable(em.find(RequestRecord.class, id.value()))
                .map(RequestRecord::toRequest));
    }

    @Override
    public List<RightsRequest> list(boolean overdueOnly, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        LocalDate today = today();
        return db.read(em -> {
            var query = overdueOnly
                    ? em.createQuery("SELECT r FROM RequestRecord r WHERE r.state IN :open AND r.dueOn < :today "
                            + "ORDER BY r.dueOn, r.id", RequestRecord.class)
                            .setParameter("open", List.of("RECEIVED", "VERIFYING", "IN_PROGRESS"))
                            .setParameter("today", today)
                    : em.createQuery("SELECT r FROM RequestRecord r ORDER BY r.dueOn, r.id", RequestRecord.class);
            return query.getResultList().stream().map(RequestRecord::toRequest).toList();
        });
    }

    @Override
    public List<RightsRequest> forPerson(PersonId person, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        return requestsOf(person);
    }

    List<RightsRequest> requestsOf(PersonId person) {
        return db.read(em -> em.createQuery("SELECT r FROM RequestRecord r WHERE r.personId = :p "
                + "ORDER BY r.registeredAt DESC", RequestRecord.class).setParameter("p", person.toString())
                .getResultList().stream().map(RequestRecord::toRequest).toList());
    }

    List<String> emailIndexesOf(PersonId person) {
        return db.read(em -> em.createQuery("SELECT DISTINCT r.emailIndex FROM RequestRecord r WHERE r.personId = :p "
                + "AND r.emailIndex IS NOT NULL", String.class).setParameter("p", person.toString()).getResultList());
    }

    @Override
    public RightsRequest verify(RequestId id, Verification verification, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        if (verification == null) {
            throw new ValidationException("verification", "is required");
        }
        RequestRecord changed = db.tx(em -> {
            RequestRecord r = record(em, id);
            open(r);
            r.verification = verification.name();
            return r;
        });
        audit(event(actor, "rights.request.verify", "request", id.value(), PersonId.parse(changed.personId))
                .fields("verification").details("verification=" + verification));
        return changed.toRequest();
    }

    @Override
    public RightsRequest transition(RequestId id, RequestState to, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        if (to == null) {
            throw new ValidationException("state", "is required");
        }
        if (to == RequestState.REFUSED) {
            throw new ValidationException("state", "a refusal needs a reason: use refuse");
        }
        return move(id, to, actor);
    }

    RightsRequest move(RequestId id, RequestState to, Actor actor) {
        String[] from = new String[1];
        RequestRecord changed = db.tx(em -> {
            RequestRecord r = record(em, id);
            RequestState current = RequestState.valueOf(r.state);
            from[0] = r.state;
            if (current == to) {
                return r;
            }
            if (!current.next().contains(to)) {
                throw new ConflictException("Request " + id + " is " + current + " and cannot become " + to);
            }
            r.state = to.name();
            if (!to.isOpen()) {
                r.closedAt = now();
            }
            return r;
        });
        if (!from[0].equals(to.name())) {
            audit(event(actor, "rights.request.transition", "request", id.value(), PersonId.parse(changed.personId))
                    .fields("state").details(from[0] + " -> " + to));
        }
        return changed.toRequest();
    }

    @Override
    public RightsRequest refuse(RequestId id, String reason, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        String why = required("reason", reason, 1000);
        String[] from = new String[1];
        RequestRecord changed = db.tx(em -> {
            RequestRecord r = record(em, id);
            open(r);
            from[0] = r.state;
            r.state = RequestState.REFUSED.name();
            r.refusalReason = why;
            r.closedAt = now();
            return r;
        });
        audit(event(actor, "rights.request.transition", "request", id.value(), PersonId.parse(changed.personId))
                .fields("state", "refusalReason").details(from[0] + " -> REFUSED"));
        return changed.toRequest();
    }

    @Override
    public RightsRequest assign(RequestId id, String userId, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        String assignee = userId == null || userId.isBlank() ? null : required("assignee", userId, 200);
        RequestRecord changed = db.tx(em -> {
            RequestRecord r = record(em, id);
            open(r);
            r.assignee = assignee;
            return r;
        });
        audit(event(actor, "rights.request.assign", "request", id.value(), PersonId.parse(changed.personId))
                .fields("assignee").details(assignee == null ? "unassigned" : "assigned to user " + assignee));
        return changed.toRequest();
    }

    @Override
    public RightsRequest extend(RequestId id, int months, String reason, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        String why = required("reason", reason, 1000);
        RightsRequest current = find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
        LocalDate extendedDue = Deadlines.extended(current.received(), months);
        if (!current.state().isOpen()) {
            throw new ConflictException("Request " + id + " is " + current.state() + "; only an open request can be "
                    + "extended");
        }
        if (current.extensionMonths() > 0) {
            throw new ConflictException("Request " + id + " was already extended to " + current.due()
                    + "; Art. 12(3) allows one extension of at most two months in all");
        }
        if (today().isAfter(Deadlines.due(current.received()))) {
            throw new ConflictException("Request " + id + " can no longer be extended: the person must be told "
                    + "within the first month, which ended on " + Deadlines.due(current.received()));
        }
        String via = sendNotice(current, extendedDue, why);
        Instant noticeAt = now();
        RequestRecord changed = db.tx(em -> {
            RequestRecord r = record(em, id);
            if (r.extensionMonths > 0) {
                throw new ConflictException("Request " + id + " was already extended");
            }
            r.extensionMonths = months;
            r.extensionReason = why;
            r.dueOn = extendedDue;
            r.noticeAt = noticeAt;
            r.noticeVia = via;
            return r;
        });
        audit(event(actor, "rights.request.extend", "request", id.value(), current.person())
                .fields("due", "extensionMonths", "extensionReason", "notice")
                .details("extended by " + months + " month(s) to " + extendedDue + "; notice " + via));
        return changed.toRequest();
    }

    private String sendNotice(RightsRequest request, LocalDate extendedDue, String reason) {
        Notices sender = notices;
        if (sender == null) {
            return "manual";
        }
        String subject = "Your request of " + request.received() + ": more time needed";
        String text = "We received your request (" + request.type().name().toLowerCase(Locale.ROOT) + ", GDPR "
                + request.type().article() + ") on " + request.received() + ".\n\nWe need more time to answer it: "
                + reason + "\n\nWe will answer by " + extendedDue + " at the latest (GDPR Art. 12(3)).\n\n"
                + "Reference: " + request.id() + "\n";
        try {
            return sender.send(request.person(), subject, text).orElse("manual");
        } catch (RuntimeException e) {
            logger.warn("The extension notice of request {} could not be queued ({}); it must be given by hand",
                    request.id(), e.getClass().getSimpleName());
            return "manual";
        }
    }

    private static void open(RequestRecord r) {
        if (!RequestState.valueOf(r.state).isOpen()) {
            throw new ConflictException("Request " + r.id + " is " + r.state + " and can no longer be changed");
        }
    }

    // ---------------------------------------------------------------------------------------------------- holds

    @Override
    public LegalHold placeHold(PersonId person, String reason, Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        HoldRecord hold = new HoldRecord();
        hold.id = UUID.randomUUID().toString();
        hold.personId = person.toString();
        hold.reason = required("reason", reason, 1000);
        hold.placedBy = actor.userId();
        hold.placedAt = now();
        db.tx(em -> {
            em.persist(hold);
            return null;
        });
        audit(event(actor, "rights.hold.place", "hold", hold.id, person).fields("reason"));
        return hold.toHold();
    }

    @Override
    public LegalHold releaseHold(String holdId, Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        String id = required("holdId", holdId, 36);
        HoldRecord released = db.tx(em -> {
            HoldRecord hold = em.find(HoldRecord.class, id);
            if (hold == null) {
                throw new NotFoundException("Legal hold", id);
            }
            if (hold.releasedAt == null) {
                hold.releasedAt = now();
                hold.releasedBy = actor.userId();
            }
            return hold;
        });
        audit(event(actor, "rights.hold.release", "hold", id, PersonId.parse(released.personId)));
        return released.toHold();
    }

    @Override
    public List<LegalHold> holds(PersonId person, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        return holdsOf(person);
    }

    List<LegalHold> holdsOf(PersonId person) {
        return db.read(em -> em.createQuery("SELECT h FROM HoldRecord h WHERE h.personId = :p ORDER BY h.placedAt",
                HoldRecord.class).setParameter("p", person.toString()).getResultList().stream()
                .map(HoldRecord::toHold).sorted((a, b) -> Boolean.compare(b.isActive(), a.isActive())).toList());
    }

    // --------------------------------------------------------------------------------------------- person lookup

    @Override
    public PersonId personByEmail(String email, Actor actor) {
        blindIndex.normaliseEmail(email);
        return findPerson(email, actor)
                .orElseThrow(() -> new NotFoundException("Contact", "with this e-mail address"));
    }

    // ---------------------------------------------------------------------------------------------------- export

    @Override
    public ExportReport export(PersonId person, Path file, Optional<RequestId> request, Actor actor) {
        access.require(actor, Operation.EXPORT, MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        if (file == null || file.getFileName() == null) {
            throw new ValidationException("file", "is required");
        }
        Optional<RequestId> answered = request == null ? Optional.empty() : request;
        answered.ifPresent(id -> {
            RightsRequest r = find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
            if (!r.person().equals(person)) {
                throw new ValidationException("request", "is about another person");
            }
            if (r.type() != RequestType.ACCESS && r.type() != RequestType.PORTABILITY) {
                throw new ValidationException("request", "is no access or portability request");
            }
        });
        Path target = file.isAbsolute() ? file : dataDirectory.area(config.exportFolder()).resolve(file);
        List<ModuleData> modules = collect(person, actor);
        Instant generatedAt = now();
        String exportId = UUID.randomUUID().toString();
        boolean tracked = track(exportId, person, answered, target, actor, generatedAt);
        List<String> entries;
        try {
            entries = new ExportPackage(person, generatedAt, answered.map(RequestId::value), modules, schema)
                    .writeTo(target);
        } catch (RuntimeException e) {
            if (tracked) {
                untrack(exportId);
            }
            audit(event(actor, "rights.export", "export", exportId, person).outcome(Outcome.FAILED)
                    .details(e.getClass().getSimpleName()));
            throw e;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        modules.forEach(m -> counts.put(m.module(), m.records().size()));
        long bytes;
        try {
            bytes = java.nio.file.Files.size(target);
        } catch (java.io.IOException e) {
            bytes = -1;
        }
        audit(event(actor, "rights.export", "export", exportId, person)
                .details("records " + counts + answered.map(id -> "; request " + id).orElse("")));
        return new ExportReport(person, target, counts, entries, bytes);
    }

    /** What every provider holds about the person, then the audit trail about them and their own requests. */
    private List<ModuleData> collect(PersonId person, Actor actor) {
        List<ModuleData> modules = new ArrayList<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            String module = entry.getKey();
            try {
                DataDescription description = entry.getValue().describe();
                PersonalDataExport export = entry.getValue().export(person, actor);
                modules.add(new ModuleData(module, description.categories(), export.records()));
            } catch (org.steward.core.StewardException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new UnavailableException("The module " + module + " could not export the person's data ("
                        + e.getClass().getSimpleName() + "); nothing was written", e);
            }
        }
        modules.add(auditTrail(person));
        modules.add(ownRequests(person));
        return modules;
    }

    private ModuleData auditTrail(PersonId person) {
        List<ExportedRecord> records = new ArrayList<>();
        AuditQuery query = AuditQuery.builder().person(person).oldestFirst()
                .limit(Math.max(10, Math.min(AuditQuery.MAX_LIMIT, config.auditPageSize()))).build();
        while (true) {
            AuditPage page = audit.query(query);
            for (AuditEntry entry : page.entries()) {
                AuditEvent e = entry.event();
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("seq", entry.seq());
                fields.put("time", entry.time().toString());
                fields.put("action", e.action());
                fields.put("module", e.targetModule());
                fields.put("recordType", e.targetType());
                fields.put("recordId", e.targetId());
                fields.put("actor", e.actor().loginName());
                fields.put("channel", e.actor().channel().name());
                fields.put("outcome", e.outcome().name());
                fields.put("fields", e.fields());
                fields.put("details", e.details());
                records.add(new ExportedRecord("audit trail", "audit-entry", Long.toString(entry.seq()), fields,
                        ""));
            }
            if (!page.hasMore()) {
                break;
            }
            query = query.next(page);
        }
        DataCategory category = new DataCategory("audit trail", List.of(
                new FieldDescription("time", DataClassification.PERSONAL, "when your data was used"),
                new FieldDescription("action", DataClassification.NOT_PERSONAL, "what was done"),
                new FieldDescription("actor", DataClassification.PERSONAL, "who did it"),
                new FieldDescription("fields", DataClassification.NOT_PERSONAL, "which fields, never their values")),
                List.of("accountability: showing who used personal data, when and how (Art. 5(2))"),
                List.of("legal obligation (Art. 6(1)(c))"), List.of(),
                "kept as long as the records it is about; entries hold no personal values");
        return new ModuleData(AUDIT_MODULE, List.of(category), records);
    }

    private ModuleData ownRequests(PersonId person) {
        List<ExportedRecord> records = new ArrayList<>();
        for (RightsRequest r : requestsOf(person)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("type", r.type().name());
            fields.put("received", r.received().toString());
            fields.put("channel", r.channel());
            fields.put("state", r.state().name());
            fields.put("due", r.due().toString());
            fields.put("extensionReason", r.extensionReason());
            fields.put("refusalReason", r.refusalReason());
            records.add(new ExportedRecord("rights requests", "request", r.id().value(), fields, r.channel()));
        }
        DataCategory category = new DataCategory("rights requests", List.of(
                new FieldDescription("type", DataClassification.PERSONAL, "which right you exercised"),
                new FieldDescription("received", DataClassification.PERSONAL, "when we received the request"),
                new FieldDescription("state", DataClassification.PERSONAL, "where the request stands")),
                List.of("answering your requests under GDPR Art. 15-21"), List.of("legal obligation (Art. 6(1)(c))"),
                List.of(), "kept to show that requests were answered (Art. 5(2))");
        return new ModuleData(MODULE, List.of(category), records);
    }

    /** Records the export before it is written, so that no file of the person escapes a later erasure. */
    private boolean track(String exportId, PersonId person, Optional<RequestId> request, Path target, Actor actor,
            Instant at) {
        String cipher;
        try {
            cipher = encryption.encrypt(person, exportId, "path", target.toAbsolutePath().toString());
        } catch (ConflictException erased) {
            return false; // the person's key was shredded: nothing personal is left to export or to delete later
        }
        ExportRecord record = new ExportRecord();
        record.id = exportId;
        record.personId = person.toString();
        record.requestId = request.map(RequestId::value).orElse(null);
        record.pathCipher = cipher;
        record.writtenBy = actor.userId();
        record.writtenAt = at;
        db.tx(em -> {
            em.persist(record);
            return null;
        });
        return true;
    }

    private void untrack(String exportId) {
        db.tx(em -> {
            ExportRecord record = em.find(ExportRecord.class, exportId);
            if (record != null) {
                em.remove(record);
            }
            return null;
        });
    }

    // ----------------------------------------------------------------------------------- rectification, restriction

    @Override
    public Map<String, Integer> rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        if (corrections == null || corrections.isEmpty()) {
            throw new ValidationException("corrections", "name at least one field");
        }
        Map<String, Map<String, String>> perModule = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            Set<String> fields = new HashSet<>();
            entry.getValue().describe().categories()
                    .forEach(c -> c.fields().forEach(f -> fields.add(f.name())));
            Map<String, String> mine = new LinkedHashMap<>();
            corrections.forEach((field, value) -> {
                if (fields.contains(field)) {
                    mine.put(field, value);
                }
            });
            if (!mine.isEmpty()) {
                perModule.put(entry.getKey(), mine);
                held.addAll(mine.keySet());
            }
        }
        List<Violation> unknown = corrections.keySet().stream().filter(f -> !held.contains(f))
                .map(f -> new Violation(f, "no installed module holds this field")).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException(unknown);
        }
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : perModule.entrySet()) {
            PersonalDataProvider provider = providers.get(entry.getKey())
                    .orElseThrow(() -> new UnavailableException("The module " + entry.getKey() + " went away"));
            changed.put(entry.getKey(), provider.rectify(person, entry.getValue(), actor));
        }
        audit(event(actor, "rights.rectify", "person", person.toString(), person)
                .fields(new ArrayList<>(corrections.keySet())).details("records changed " + changed));
        return changed;
    }

    @Override
    public List<String> restrict(PersonId person, boolean restricted, Actor actor) {
        access.require(actor, Operation.EDIT, MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            try {
                entry.getValue().restrict(person, restricted, actor);
            } catch (RuntimeException e) {
                failed.add(entry.getKey() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        List<String> now = restrictedModules(person);
        audit(event(actor, restricted ? "rights.restrict" : "rights.unrestrict", "person", person.toString(), person)
                .outcome(failed.isEmpty() ? Outcome.SUCCESS : Outcome.FAILED)
                .details("restricted in " + now + (failed.isEmpty() ? "" : "; failed in " + failed)));
        if (!failed.isEmpty()) {
            throw new UnavailableException("The restriction could not be " + (restricted ? "set" : "lifted")
                    + " in " + String.join(", ", failed) + "; run it again");
        }
        return now;
    }

    @Override
    public List<String> restrictedIn(PersonId person, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        return restrictedModules(person);
    }

    private List<String> restrictedModules(PersonId person) {
        List<String> modules = new ArrayList<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            try {
                if (entry.getValue().isRestricted(person)) {
                    modules.add(entry.getKey());
                }
            } catch (RuntimeException e) {
                logger.warn("The module {} could not tell whether a person is restricted ({})", entry.getKey(),
                        e.getClass().getSimpleName());
            }
        }
        return modules;
    }

    // --------------------------------------------------------------------------------------------------- erasure

    @Override
    public ErasureReport erase(PersonId person, Actor actor) {
        access.require(actor, Operation.ERASE, MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        refuseUnderHold(person, null, actor);
        RightsRequest request = insert(RequestType.ERASURE, person, null, null, null, Verification.VERIFIED, actor);
        return erasures.run(request, actor);
    }

    @Override
    public ErasureReport erase(RequestId id, Actor actor) {
        access.require(actor, Operation.ERASE, requestRef(id));
        RightsRequest request = find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
        if (request.type() != RequestType.ERASURE) {
            throw new ConflictException("Request " + id + " is no erasure request");
        }
        Optional<ErasureReport> journal = erasures.report(id);
        if (journal.isPresent() && journal.get().isComplete()) {
            return journal.get();
        }
        if (journal.isEmpty()) {
            if (!request.state().isOpen()) {
                throw new ConflictException("Request " + id + " is " + request.state() + "; nothing is erased");
            }
            if (request.verification() != Verification.VERIFIED) {
                throw new ConflictException("The identity of the requester of " + id + " is not verified ("
                        + request.verification() + "); verify it before erasing");
            }
            refuseUnderHold(request.person(), id, actor);
        }
        return erasures.run(request, actor);
    }

    private void refuseUnderHold(PersonId person, RequestId request, Actor actor) {
        List<LegalHold> active = holdsOf(person).stream().filter(LegalHold::isActive).toList();
        if (!active.isEmpty()) {
            audit(event(actor, "rights.erase", "request", request == null ? "" : request.value(), person)
                    .outcome(Outcome.DENIED).details("blocked by legal hold(s) "
                            + String.join(",", active.stream().map(LegalHold::id).toList())));
            throw new LegalHoldException(person, active);
        }
    }

    @Override
    public Optional<ErasureReport> erasure(RequestId request, Actor actor) {
        access.require(actor, Operation.READ, requestRef(request));
        return erasures.report(request);
    }
}
