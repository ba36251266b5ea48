package org.steward.rights.internal;

import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

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
import org.steward.core.Actor;
import org.steward.core.DataDirectory;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.Scheduler;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyManagement;
import org.steward.permissions.AccessDecisions;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;
import org.steward.rights.ErasureReport;
import org.steward.rights.ExportReport;
import org.steward.rights.LegalHold;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestState;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.SubjectRights;
import org.steward.rights.Verification;

/**
 * The rights module's component: it wires the request register ({@link RequestBook}), legal holds, exports,
 * rectification, restriction and the journaled erasure over every {@link PersonalDataProvider} (whiteboard), on the
 * module's own unit {@value #UNIT}. Without the contacts module an e-mail address cannot be resolved to a person;
 * everything else works over whichever providers are installed.
 */
@Component(service = { RequestRegister.class, SubjectRights.class }, immediate = true,
        configurationPid = RightsConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RightsConfiguration.class)
public final class RightsService implements RequestRegister, SubjectRights {

    static final String UNIT = "steward.rights";
    static final int SCHEMA_VERSION = 1;

    private final Logger logger;
    private final Transactions db;
    private final Scheduler scheduler;
    private final Providers providers = new Providers();
    private final RequestBook requests;
    private final LegalHolds holds;
    private final AccessExports exports;
    private final Rectifications rectifications;
    private final Restrictions restrictions;
    private final Erasures erasures;
    private final int resumeDelaySeconds;
    private final AtomicBoolean resumeQueued = new AtomicBoolean();
    /** What the queued resume takes up: every unfinished erasure (after activation), or those providers came for. */
    private volatile boolean resumeAll;
    private final java.util.Set<String> toResume = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Held while unfinished erasures are resumed, so that deactivation lets a running resume end its step. */
    private final ReentrantLock resuming = new ReentrantLock();
    private volatile Scheduler.Task resume;
    private volatile boolean active = true;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ErasureBlocklist blocklist;

    /** Registered by the contacts-backed component; absent without the contacts module. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PersonDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Notices notices;

    @Activate
    public RightsService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference DataDirectory dataDirectory,
            @Reference AuditLog auditLog, @Reference AccessDecisions access, @Reference KeyManagement keys,
            @Reference BlindIndex blindIndex, @Reference FieldEncryption encryption, @Reference Scheduler scheduler,
            BundleContext context, RightsConfiguration config) {
        this.logger = logger;
        this.scheduler = scheduler;
        this.resumeDelaySeconds = Math.max(0, config.resumeDelaySeconds());
        URL schema = context.getBundle().getEntry(ExportPackage.SCHEMA_RESOURCE);
        if (schema == null) {
            throw new IllegalStateException("The export JSON Schema is missing from the bundle");
        }
        try {
            this.db = Transactions.of(persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION)),
                    "the rights register");
        } catch (RuntimeException e) {
            logger.error("The rights module cannot start: {}", e.toString(), e);
            throw e;
        }
        RightsAudit audit = new RightsAudit(auditLog);
        this.requests = new RequestBook(db, access, blindIndex, audit, () -> clock, () -> directory, () -> notices,
                logger);
        this.holds = new LegalHolds(db, access, audit, () -> clock);
        this.exports = new AccessExports(db, access, audit, encryption, providers, requests, () -> clock,
                dataDirectory, config, schema);
        this.rectifications = new Rectifications(access, audit, providers);
        this.restrictions = new Restrictions(access, audit, providers, logger);
        this.erasures = new Erasures(db, access, audit, providers, requests, holds,
                new BlockedIdentifiers(providers, requests, blindIndex), keys, encryption, () -> blocklist,
                () -> clock, logger);
        resumeAll = true;
        scheduleResume(resumeDelaySeconds);
        logger.info("Rights module ready");
    }

    @Deactivate
    void deactivate() {
        active = false;
        boolean idle = false;
        try {
            // an interrupted step would be done by its module but not journaled: let it end (the journal repeats it)
            idle = resuming.tryLock(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Scheduler.Task task = resume;
            if (task != null) {
                task.cancel();
            }
        } finally {
            if (idle) {
                resuming.unlock();
            }
        }
        db.factory().close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(PersonalDataProvider provider, Map<String, Object> properties) {
        providers.add(provider, properties);
        // an erasure may be waiting for exactly this module: resume those that were waiting when it came
        Erasures current = erasures;
        if (current != null && active) {
            try {
                List<String> waiting = current.waitingFor(provider.module());
                if (!waiting.isEmpty()) {
                    toResume.addAll(waiting);
                    scheduleResume(1);
                }
            } catch (RuntimeException unreadable) {
                logger.warn("Erasures waiting for module {} could not be read ({}); they resume at the next start",
                        provider.module(), unreadable.getMessage());
            }
        }
    }

    void removeProvider(PersonalDataProvider provider, Map<String, Object> properties) {
        providers.remove(provider, properties);
    }

    /** Unfinished erasures resume off the activation thread, once the providers had time to register. */
    private void scheduleResume(int delaySeconds) {
        if (!active || !resumeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            resume = scheduler.once("rights: resume unfinished erasures", Duration.ofSeconds(delaySeconds), () -> {
                resumeQueued.set(false);
                if (active && clock == null) {
                    // scheduled from the constructor: SCR sets the clock field just after it; try again shortly
                    scheduleResume(1);
                    return;
                }
                resuming.lock();
                try {
                    if (active) {
                        boolean all = resumeAll;
                        resumeAll = false;
                        List<String> ids = List.copyOf(toResume);
                        toResume.removeAll(ids);
                        if (all) {
                            erasures.resumeUnfinished();
                        } else {
                            erasures.resume(ids);
                        }
                    }
                } finally {
                    resuming.unlock();
                }
            });
        } catch (RuntimeException stopping) {
            resumeQueued.set(false);
        }
    }

    // -------------------------------------------------------------------------------------- the request register

    @Override
    public RightsRequest register(RequestType type, PersonId person, LocalDate received, String channel,
            Actor actor) {
        return requests.register(type, person, received, channel, actor);
    }

    @Override
    public RightsRequest register(RequestType type, String email, LocalDate received, String channel, Actor actor) {
        return requests.register(type, email, received, channel, actor);
    }

    @Override
    public RightsRequest get(RequestId id, Actor actor) {
        return requests.get(id, actor);
    }

    @Override
    public Optional<RightsRequest> find(RequestId id) {
        return requests.find(id);
    }

    @Override
    public List<RightsRequest> list(boolean overdueOnly, Actor actor) {
        return requests.list(overdueOnly, actor);
    }

    @Override
    public List<RightsRequest> forPerson(PersonId person, Actor actor) {
        return requests.forPerson(person, actor);
    }

    @Override
    public RightsRequest verify(RequestId id, Verification verification, Actor actor) {
        return requests.verify(id, verification, actor);
    }

    @Override
    public RightsRequest transition(RequestId id, RequestState to, Actor actor) {
        return requests.transition(id, to, actor);
    }

    @Override
    public RightsRequest refuse(RequestId id, String reason, Actor actor) {
        return requests.refuse(id, reason, actor);
    }

    @Override
    public RightsRequest assign(RequestId id, String userId, Actor actor) {
        return requests.assign(id, userId, actor);
    }

    @Override
    public RightsRequest extend(RequestId id, int months, String reason, Actor actor) {
        return requests.extend(id, months, reason, actor);
    }

    // ------------------------------------------------------------------------------------- the subject's rights

    @Override
    public PersonId personByEmail(String email, Actor actor) {
        return requests.personByEmail(email, actor)
                .orElseThrow(() -> new NotFoundException("Contact", "with this e-mail address"));
    }

    @Override
    public ExportReport export(PersonId person, Path file, Optional<RequestId> request, Actor actor) {
        return exports.export(person, file, request, actor);
    }

    @Override
    public Map<String, Integer> rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        return rectifications.rectify(person, corrections, actor);
    }

    @Override
    public List<String> restrict(PersonId person, boolean restricted, Actor actor) {
        return restrictions.restrict(person, restricted, actor);
    }

    @Override
    public List<String> restrictedIn(PersonId person, Actor actor) {
        return restrictions.restrictedIn(person, actor);
    }

    @Override
    public ErasureReport erase(PersonId person, Actor actor) {
        return erasures.erase(person, actor);
    }

    @Override
    public ErasureReport erase(RequestId id, Actor actor) {
        return erasures.erase(id, actor);
    }

    @Override
    public Optional<ErasureReport> erasure(RequestId request, Actor actor) {
        return erasures.erasure(request, actor);
    }

    @Override
    public LegalHold placeHold(PersonId person, String reason, Actor actor) {
        return holds.place(person, reason, actor);
    }

    @Override
    public LegalHold releaseHold(String holdId, Actor actor) {
        return holds.release(holdId, actor);
    }

    @Override
    public List<LegalHold> holds(PersonId person, Actor actor) {
        return holds.holds(person, actor);
    }
}
