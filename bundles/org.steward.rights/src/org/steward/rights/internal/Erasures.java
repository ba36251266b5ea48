package org.steward.rights.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.Decrypted;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyManagement;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.Transactions;
import org.steward.rights.ErasureReport;
import org.steward.rights.ErasureState;
import org.steward.rights.ErasureStep;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestState;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.StepState;
import org.steward.rights.Verification;

/**
 * The journaled erasure (design rule 6). The journal is written before any module deletes anything: the person's
 * e-mail and phone blind indexes are collected first (afterwards nothing is left to compute them from), then one step
 * per module runs and is committed as DONE with the module's outcome; when every step is done, earlier export files
 * are deleted, the key is shredded and the blocklist entry written. Every part is idempotent, so a crash at any point
 * is repaired by running the journal again, which the module does at every start.
 */
final class Erasures {

    private static final String SEPARATOR = ",";

    private final Transactions db;
    private final AccessDecisions access;
    private final RightsAudit audit;
    private final Providers providers;
    private final RequestBook requests;
    private final LegalHolds holds;
    private final BlockedIdentifiers identifiers;
    private final KeyManagement keys;
    private final FieldEncryption encryption;
    private final Supplier<ErasureBlocklist> blocklist;
    private final Supplier<Clock> clock;
    private final Logger logger;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    Erasures(Transactions db, AccessDecisions access, RightsAudit audit, Providers providers, RequestBook requests,
            LegalHolds holds, BlockedIdentifiers identifiers, KeyManagement keys, FieldEncryption encryption,
            Supplier<ErasureBlocklist> blocklist, Supplier<Clock> clock, Logger logger) {
        this.db = db;
        this.access = access;
        this.audit = audit;
        this.providers = providers;
        this.requests = requests;
        this.holds = holds;
        this.identifiers = identifiers;
        this.keys = keys;
        this.encryption = encryption;
        this.blocklist = blocklist;
        this.clock = clock;
        this.logger = logger;
    }

    private Instant now() {
        return clock.get().instant();
    }

    /** Erases a person without a request of theirs: the register records one, verified by the actor. */
    ErasureReport erase(PersonId person, Actor actor) {
        access.require(actor, Operation.ERASE, RequestRegister.MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        holds.refuseUnderHold(person, null, actor);
        RightsRequest request = requests.insert(RequestType.ERASURE, person, null, null, null, Verification.VERIFIED,
                actor);
        return run(request, actor);
    }

    /** Carries out an erasure request, or resumes its journal. */
    ErasureReport erase(RequestId id, Actor actor) {
        access.require(actor, Operation.ERASE, RequestBook.requestRef(id));
        RightsRequest request = requests.find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
        if (request.type() != RequestType.ERASURE) {
            throw new ConflictException("Request " + id + " is no erasure request");
        }
        Optional<ErasureReport> journal = report(id);
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
            holds.refuseUnderHold(request.person(), id, actor);
        }
        return run(request, actor);
    }

    Optional<ErasureReport> erasure(RequestId request, Actor actor) {
        access.require(actor, Operation.READ, RequestBook.requestRef(request));
        return report(request);
    }

    /** Runs or resumes the erasure of a request; returns the journal as it stands afterwards. */
    ErasureReport run(RightsRequest request, Actor actor) {
        ReentrantLock lock = running.computeIfAbsent(request.id().value(), k -> new ReentrantLock());
        lock.lock();
        try {
            ErasureRecord journal = journal(request.id()).orElseGet(() -> start(request, actor));
            if (ErasureState.valueOf(journal.state) == ErasureState.RUNNING) {
                runSteps(request, actor);
            }
            journal = journal(request.id()).orElseThrow();
            if (ErasureState.valueOf(journal.state) == ErasureState.FINISHING) {
                finish(request, actor);
            }
            return report(request.id()).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    /** Resumes every journal that is not done, as the system; failures are logged and retried at the next start. */
    void resumeUnfinished() {
        resume(db.read(em -> em.createQuery(
                "SELECT e.requestId FROM ErasureRecord e WHERE e.state <> 'DONE' ORDER BY e.startedAt", String.class)
                .getResultList()));
    }

    /**
     * The unfinished erasures with a step of {@code module} still to do, read when that module's provider registers:
     * those are the ones it can let go on. An erasure begun after that moment is not among them, so a registration
     * never races an erasure that is running or that failed in this instance (that one resumes at the next start).
     */
    List<String> waitingFor(String module) {
        return db.read(em -> em.createQuery("SELECT s.requestId FROM ErasureStepRecord s, ErasureRecord e "
                + "WHERE s.requestId = e.requestId AND s.module = :module AND s.state <> 'DONE' "
                + "AND e.state <> 'DONE' ORDER BY e.startedAt", String.class).setParameter("module", module)
                .getResultList());
    }

    /** Resumes the given journals, as the system; failures are logged and retried at the next start. */
    void resume(List<String> open) {
        for (String id : open) {
            Optional<RightsRequest> request = requests.find(new RequestId(id));
            if (request.isEmpty()) {
                continue;
            }
            try {
                ErasureReport report = run(request.get(), Actor.system());
                logger.info("Resumed the erasure of request {}: {}{}", id, report.state(),
                        report.waitingFor().isEmpty() ? "" : ", waiting for " + report.waitingFor());
            } catch (RuntimeException e) {
                logger.warn("The erasure of request {} could not be resumed yet ({}); it is retried at the "
                        + "next start", id, e.getClass().getSimpleName());
            }
        }
    }

    private Optional<ErasureRecord> journal(RequestId id) {
        return db.read(em -> Optional.ofNullable(em.find(ErasureRecord.class, id.value())));
    }

    private ErasureRecord start(RightsRequest request, Actor actor) {
        PersonId person = request.person();
        Set<String> indexes = identifiers.of(person, actor);
        List<String> modules = providers.modules();
        ErasureRecord journal = new ErasureRecord();
        journal.requestId = request.id().value();
        journal.personId = person.toString();
        journal.state = ErasureState.RUNNING.name();
        journal.blindIndexes = String.join(SEPARATOR, indexes);
        journal.identifiers = indexes.size();
        journal.startedBy = actor.userId();
        journal.startedAt = now();
        db.write(em -> {
            em.persist(journal);
            for (String module : modules) {
                em.persist(step(request.id(), module));
            }
            return null;
        });
        if (request.state() == RequestState.RECEIVED || request.state() == RequestState.VERIFYING) {
            requests.move(request.id(), RequestState.IN_PROGRESS, actor);
        }
        audit.append(audit.event(actor, "rights.erase.start", "request", request.id().value(), person)
                .details("modules " + modules + "; " + indexes.size() + " identifier(s) for the blocklist"));
        return journal;
    }

    private static ErasureStepRecord step(RequestId request, String module) {
        ErasureStepRecord step = new ErasureStepRecord();
        step.requestId = request.value();
        step.module = module;
        step.state = StepState.PENDING.name();
        return step;
    }

    private void runSteps(RightsRequest request, Actor actor) {
        PersonId person = request.person();
        addNewModules(request.id());
        boolean allDone = true;
        for (ErasureStepRecord step : steps(request.id())) {
            if (StepState.valueOf(step.state) == StepState.DONE) {
                continue;
            }
            Optional<PersonalDataProvider> provider = providers.get(step.module);
            if (provider.isEmpty()) {
                allDone = false;
                continue;
            }
            try {
                ErasureOutcome outcome = provider.get().erase(person, actor);
                stepDone(request.id(), step.module, outcome);
                audit.append(audit.event(actor, "rights.erase.step", "request", request.id().value(), person)
                        .details("module " + step.module + ": " + outcome.deleted() + " deleted, "
                                + outcome.anonymised() + " anonymised, " + outcome.retained().size() + " retained"));
            } catch (RuntimeException e) {
                allDone = false;
                // a partner's provider may throw a driver's exception quoting values: only a domain message is kept
                String error = org.steward.persistence.DatabaseErrors.translate(e, "the " + step.module + " module")
                        .getMessage();
                logger.warn("The erasure step of module {} failed: {}", step.module, e.getClass().getName());
                stepFailed(request.id(), step.module, error.length() > 500 ? error.substring(0, 500) : error);
                audit.append(audit.event(actor, "rights.erase.step", "request", request.id().value(), person)
                        .outcome(Outcome.FAILED).details("module " + step.module + " failed ("
                                + e.getClass().getSimpleName() + "); retried on the next run"));
            }
        }
        if (allDone) {
            db.write(em -> {
                ErasureRecord journal = em.find(ErasureRecord.class, request.id().value());
                if (ErasureState.valueOf(journal.state) == ErasureState.RUNNING) {
                    journal.state = ErasureState.FINISHING.name();
                }
                return null;
            });
        }
    }

    /** A module installed after the erasure started may hold data too. */
    private void addNewModules(RequestId request) {
        Set<String> known = new LinkedHashSet<>();
        steps(request).forEach(s -> known.add(s.module));
        List<String> added = providers.modules().stream().filter(m -> !known.contains(m)).toList();
        if (!added.isEmpty()) {
            db.write(em -> {
                added.forEach(m -> em.persist(step(request, m)));
                return null;
            });
        }
    }

    private List<ErasureStepRecord> steps(RequestId request) {
        return db.read(em -> em.createQuery("SELECT s FROM ErasureStepRecord s WHERE s.requestId = :r "
                + "ORDER BY s.module", ErasureStepRecord.class).setParameter("r", request.value()).getResultList());
    }

    private void stepDone(RequestId request, String module, ErasureOutcome outcome) {
        db.write(em -> {
            ErasureStepRecord step = em.find(ErasureStepRecord.class, new ErasureStepRecord.Key(request.value(), module));
            step.state = StepState.DONE.name();
            step.deleted = outcome.deleted();
            step.anonymised = outcome.anonymised();
            String retained = String.join(ErasureStepRecord.SEPARATOR, outcome.retained());
            step.retained = retained.length() > 2000 ? retained.substring(0, 2000) : retained;
            step.error = null;
            step.attempts++;
            step.finishedAt = now();
            return null;
        });
    }

    private void stepFailed(RequestId request, String module, String error) {
        db.write(em -> {
            ErasureStepRecord step = em.find(ErasureStepRecord.class, new ErasureStepRecord.Key(request.value(), module));
            step.state = StepState.FAILED.name();
            step.error = error;
            step.attempts++;
            return null;
        });
    }

    private void finish(RightsRequest request, Actor actor) {
        PersonId person = request.person();
        ErasureBlocklist list = this.blocklist.get();
        if (list == null) {
            throw new UnavailableException("The erasure blocklist of the encryption module is not available; the "
                    + "erasure of request " + request.id() + " is finished when it is");
        }
        int deletedExports = deleteExports(person);
        keys.shred(person);
        ErasureRecord journal = journal(request.id()).orElseThrow();
        List<String> indexes = journal.blindIndexes == null || journal.blindIndexes.isEmpty() ? List.of()
                : List.of(journal.blindIndexes.split(SEPARATOR));
        list.add(person, indexes, request.id().value());
        Instant finished = now();
        // journal and request close together, so that nobody sees a finished erasure with an open request
        String requestWas = db.write(em -> {
            ErasureRecord j = em.find(ErasureRecord.class, request.id().value());
            j.state = ErasureState.DONE.name();
            j.blindIndexes = null;
            j.exportsDeleted += deletedExports;
            j.finishedAt = finished;
            RequestRecord r = em.find(RequestRecord.class, request.id().value());
            String was = r.state;
            if (RequestState.valueOf(r.state).isOpen()) {
                r.state = RequestState.DONE.name();
                r.closedAt = finished;
            }
            return was;
        });
        if (RequestState.valueOf(requestWas).isOpen()) {
            audit.append(audit.event(actor, "rights.request.transition", "request", request.id().value(), person)
                    .fields("state").details(requestWas + " -> DONE"));
        }
        audit.append(audit.event(actor, "rights.erase.done", "request", request.id().value(), person)
                .details(deletedExports + " earlier export file(s) deleted; key shredded; " + indexes.size()
                        + " identifier(s) in the erasure blocklist"));
    }

    /** Deletes the export packages written for the person; their paths are readable until the key is shredded. */
    private int deleteExports(PersonId person) {
        List<ExportRecord> exports = db.read(em -> em.createQuery(
                "SELECT x FROM ExportRecord x WHERE x.personId = :p", ExportRecord.class)
                .setParameter("p", person.toString()).getResultList());
        int deleted = 0;
        for (ExportRecord export : exports) {
            Decrypted path = encryption.decrypt(person, export.id, "path", export.pathCipher);
            if (path instanceof Decrypted.Plain plain) {
                try {
                    if (Files.deleteIfExists(Path.of(plain.value()))) {
                        deleted++;
                    }
                } catch (IOException e) {
                    throw new UnavailableException("An earlier export of the person could not be deleted ("
                            + e.getClass().getSimpleName() + "); the erasure is finished on the next run", e);
                }
            }
            db.write(em -> {
                ExportRecord row = em.find(ExportRecord.class, export.id);
                if (row != null) {
                    em.remove(row);
                }
                return null;
            });
        }
        return deleted;
    }

    Optional<ErasureReport> report(RequestId id) {
        Optional<ErasureRecord> journal = journal(id);
        if (journal.isEmpty()) {
            return Optional.empty();
        }
        ErasureRecord j = journal.get();
        List<ErasureStep> steps = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (ErasureStepRecord s : steps(id)) {
            steps.add(s.toStep());
            if (StepState.valueOf(s.state) != StepState.DONE && providers.get(s.module).isEmpty()) {
                waiting.add(s.module);
            }
        }
        return Optional.of(new ErasureReport(id, PersonId.parse(j.personId), ErasureState.valueOf(j.state), steps,
                j.identifiers, j.exportsDeleted, waiting, j.startedAt, Optional.ofNullable(j.finishedAt)));
    }
}
