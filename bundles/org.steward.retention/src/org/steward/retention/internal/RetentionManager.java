package org.steward.retention.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
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
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.Scheduler;
import org.steward.core.StewardException;
import org.steward.core.ValidationException;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionParticipant;
import org.steward.core.spi.RetentionResult;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;
import org.steward.retention.PurgeReport;
import org.steward.retention.RetentionPolicy;
import org.steward.retention.RetentionService;
import org.steward.retention.RetentionStatus;
import org.steward.retention.RunState;
import org.steward.retention.StepState;

/**
 * Retention over every installed participant (whiteboard). A purge plans its steps (one per category with a period,
 * one per recycle bin) with cutoffs computed from one reference time, journals them, then carries them out one by one,
 * recording each as done. A step that fails, or a run cut short by a crash, is completed by the next run or at the
 * next start with its original cutoff; a done step is never carried out again.
 */
@Component(service = RetentionService.class, immediate = true, configurationPid = RetentionConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RetentionConfiguration.class)
public final class RetentionManager implements RetentionService {

    static final String UNIT = "steward.retention";
    static final int SCHEMA_VERSION = 1;
    static final int MAX_MONTHS = 1200;

    private final Logger logger;
    private final InstalledParticipants installed;
    private final AuditLog audit;
    private final AccessDecisions access;
    private final PurgeJournal journal;
    private final Transactions db;
    private final String database;
    private final int recycleBinDays;
    private final DailySchedule schedule;
    private final Scheduler.Task completion;
    private final Scheduler.Task dailyCheck;
    /** One purge at a time in this server: the console and the daily run wait for each other. */
    private final ReentrantLock purging = new ReentrantLock();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<RetentionParticipant> participants;

    /** The core clock, or a simulated one registered with a higher ranking (tests move it by days). */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public RetentionManager(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference AuditLog audit, @Reference AccessDecisions access,
            @Reference Scheduler scheduler, BundleContext context, RetentionConfiguration config) {
        this.logger = logger;
        this.installed = new InstalledParticipants(() -> participants, logger);
        this.audit = audit;
        this.access = access;
        this.recycleBinDays = Math.max(1, Math.min(3650, config.recycleBinDays()));
        this.schedule = new DailySchedule(config.dailyPurge(), purgeTime(config.purgeTime()), zone(config.timeZone()));
        try {
            this.db = Transactions.of(persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION)),
                    "the retention journal");
            this.database = persistence.info().url();
        } catch (RuntimeException e) {
            logger.error("The retention module cannot start: {}", e.toString(), e);
            throw e;
        }
        this.journal = new PurgeJournal(db);
        // completing interrupted runs first, off the activation thread: participants bind after construction
        this.completion = scheduler.once("retention: complete interrupted runs", Duration.ofSeconds(2),
                this::completeInterrupted);
        int interval = Math.max(1, Math.min(3600, config.checkIntervalSeconds()));
        this.dailyCheck = scheduler.every("retention: daily purge check", Duration.ofSeconds(interval),
                Duration.ofSeconds(interval), this::dailyCheck);
        logger.info("Retention ready: recycle bin {} days, daily purge {}", recycleBinDays,
                schedule.enabled() ? "at " + schedule.time() + " " + schedule.zone() : "off");
    }

    private LocalTime purgeTime(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            logger.error("Setting purgeTime of {} is not a time of day (HH:mm); the purge runs at 02:30",
                    RetentionConfiguration.PID);
            return LocalTime.of(2, 30);
        }
    }

    private ZoneId zone(String text) {
        try {
            return ZoneId.of(text == null || text.isBlank() ? "UTC" : text.trim());
        } catch (DateTimeException e) {
            logger.error("Setting timeZone of {} is not a time zone (e.g. Europe/Warsaw); UTC is used",
                    RetentionConfiguration.PID);
            return ZoneOffset.UTC;
        }
    }

    @Deactivate
    void deactivate() {
        boolean idle = false;
        try {
            // a running purge ends its step first, so that what a participant did is journaled
            idle = purging.tryLock(10, TimeUnit.SECONDS);
            if (!idle) {
                logger.warn("A purge was still running when retention stopped; it is completed at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            completion.cancel();
            dailyCheck.cancel();
        } finally {
            if (idle) {
                purging.unlock();
            }
        }
        db.factory().close();
    }

    private Instant now() {
        return clock.instant();
    }

    // ------------------------------------------------------------------------------------------------ policies

    @Override
    public List<RetentionPolicy> policies(Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        Map<String, Integer> overrides = journal.overrides();
        List<RetentionPolicy> policies = new ArrayList<>();
        installed.byModule().forEach((module, participant) -> installed.categories(participant).stream()
                .sorted(Comparator.comparing(RetentionCategory::name))
                .forEach(c -> policies.add(policy(module, c, overrides))));
        return policies;
    }

    private static RetentionPolicy policy(String module, RetentionCategory category, Map<String, Integer> overrides) {
        Integer months = overrides.get(PolicyRecord.id(module, category.name()));
        return new RetentionPolicy(module, category.name(), category.description(), category.action(),
                category.defaultMonths(), months == null ? OptionalInt.empty() : OptionalInt.of(months));
    }

    @Override
    public RetentionPolicy setMonths(String module, String category, int months, Actor actor) {
        if (months < 0 || months > MAX_MONTHS) {
            throw new ValidationException("months", "must be between 0 (keep until deleted) and " + MAX_MONTHS);
        }
        return change(module, category, OptionalInt.of(months), actor);
    }

    @Override
    public RetentionPolicy useDefault(String module, String category, Actor actor) {
        return change(module, category, OptionalInt.empty(), actor);
    }

    private RetentionPolicy change(String module, String category, OptionalInt months, Actor actor) {
        access.require(actor, Operation.ADMINISTER, MODULE, Optional.empty());
        RetentionCategory found = installedCategory(module, category);
        OptionalInt previous = journal.setOverride(module, category, months, actor, now());
        audit.append(AuditEvent.builder(actor, "retention.policy.change")
                .target(MODULE, "policy", PolicyRecord.id(module, category))
                .details("months " + (months.isPresent() ? months.getAsInt() : "default") + ", was "
                        + (previous.isPresent() ? previous.getAsInt() : "default") + ", module default "
                        + found.defaultMonths())
                .build());
        logger.info("Retention of {}/{} set to {} by {}", module, category,
                months.isPresent() ? months.getAsInt() + " months" : "the module default", actor.userId());
        return policy(module, found, journal.overrides());
    }

    private RetentionCategory installedCategory(String module, String category) {
        if (module == null || module.isBlank()) {
            throw new ValidationException("module", "is required");
        }
        if (category == null || category.isBlank()) {
            throw new ValidationException("category", "is required");
        }
        RetentionParticipant participant = installed.byModule().get(module.trim());
        if (participant == null) {
            throw new ValidationException("module", "no installed module named '" + module.trim()
                    + "' takes part in retention; installed: " + installed.byModule().keySet());
        }
        return installed.categories(participant).stream().filter(c -> c.name().equals(category.trim())).findFirst()
                .orElseThrow(() -> new ValidationException("category", "the module " + module.trim()
                        + " has no category '" + category.trim() + "'"));
    }

    // ------------------------------------------------------------------------------------------------ purge

    @Override
    public PurgeReport purge(boolean dryRun, Actor actor) {
        access.require(actor, dryRun ? Operation.READ : Operation.DELETE, MODULE, Optional.empty());
        return run(dryRun, actor, actor.isSystem() ? "api" : actor.channel() == org.steward.core.Channel.CONSOLE
                ? "console" : "api", Optional.empty());
    }

    private PurgeReport run(boolean dryRun, Actor actor, String trigger, Optional<LocalDate> scheduledFor) {
        purging.lock();
        try {
            List<String> resumed = dryRun ? List.of() : resume(actor);
            Instant reference = now();
            String runId = journal.start(dryRun, trigger, actor, reference, scheduledFor.map(LocalDate::toString),
                    plan(reference), reference);
            RunState state = execute(runId, dryRun, actor);
            logger.info("Retention {} {} {}", dryRun ? "dry run" : "purge", runId, state);
            return journal.report(runId, resumed).orElseThrow();
        } finally {
            purging.unlock();
        }
    }

    private List<PurgeJournal.PlannedStep> plan(Instant reference) {
        Map<String, Integer> overrides = journal.overrides();
        List<PurgeJournal.PlannedStep> plan = new ArrayList<>();
        Instant binCutoff = reference.minus(recycleBinDays, ChronoUnit.DAYS);
        installed.byModule().forEach((module, participant) -> {
            for (RetentionCategory category : installed.categories(participant)) {
                int months = policy(module, category, overrides).effectiveMonths();
                if (months > 0) {
                    plan.add(new PurgeJournal.PlannedStep(module, category.name(), category.action(),
                            reference.atZone(ZoneOffset.UTC).minusMonths(months).toInstant()));
                }
            }
            plan.add(new PurgeJournal.PlannedStep(module, RetentionResult.RECYCLE_BIN, RetentionCategory.Action.DELETE,
                    binCutoff));
        });
        return plan;
    }

    /** Carries out every open step of a run and closes it. */
    private RunState execute(String runId, boolean dryRun, Actor actor) {
        Map<String, RetentionParticipant> present = installed.byModule();
        for (StepRecord step : journal.openSteps(runId)) {
            if (Thread.currentThread().isInterrupted()) {
                break; // stopping: the rest is completed at the next start
            }
            RetentionParticipant participant = present.get(step.module);
            if (participant == null) {
                journal.stepDone(step.id, StepState.SKIPPED, 0, List.of(), "module not installed", now());
                audit(actor, runId, step, dryRun, Outcome.FAILED, 0, "skipped: module not installed");
                continue;
            }
            try {
                RetentionResult result = RetentionResult.RECYCLE_BIN.equals(step.category)
                        ? participant.purgeRecycleBin(step.cutoff, dryRun, actor)
                        : participant.expire(step.category, step.cutoff, dryRun, actor);
                // audited before the step is marked done: a crash in between repeats the (idempotent) step and
                // its entry rather than losing the entry
                audit(actor, runId, step, dryRun, Outcome.SUCCESS, result.affected(), "");
                journal.stepDone(step.id, StepState.DONE, result.affected(), result.recordIds(), "", now());
            } catch (RuntimeException e) {
                String reason = e instanceof StewardException ? e.getMessage() : e.getClass().getSimpleName();
                logger.warn("Retention step {}/{} of run {} failed; it is retried by the next run: {}", step.module,
                        step.category, runId, reason);
                try {
                    journal.stepDone(step.id, StepState.FAILED, 0, List.of(), reason, now());
                    audit(actor, runId, step, dryRun, Outcome.FAILED, 0, "failed: " + reason);
                } catch (RuntimeException journalFailure) {
                    logger.error("The failure of retention step {}/{} could not be recorded: {}", step.module,
                            step.category, journalFailure.toString());
                }
            }
        }
        return journal.finish(runId, now());
    }

    private void audit(Actor actor, String runId, StepRecord step, boolean dryRun, Outcome outcome, int affected,
            String note) {
        String details = step.module + "/" + step.category + " " + step.action + " cutoff " + step.cutoff
                + (dryRun ? " dry run, would affect " : " affected ") + affected + " records, attempt "
                + (step.attempts + 1) + (note.isEmpty() ? "" : ", " + note);
        audit.append(AuditEvent.builder(actor, dryRun ? "retention.dry-run" : "retention.purge")
                .target(MODULE, "run", runId).outcome(outcome)
                .details(PurgeJournal.truncate(details, AuditEvent.MAX_DETAILS)).build());
    }

    /** Completes every interrupted real run, oldest first; answers their ids. */
    private List<String> resume(Actor actor) {
        List<String> resumed = new ArrayList<>();
        for (RunRecord run : journal.interrupted()) {
            logger.info("Completing the interrupted retention run {} of {}", run.id, run.startedAt);
            execute(run.id, false, actor);
            resumed.add(run.id);
        }
        return resumed;
    }

    private void completeInterrupted() {
        purging.lock();
        try {
            journal.failAbandonedDryRuns(now());
            resume(Actor.system());
        } catch (RuntimeException e) {
            logger.error("Interrupted retention runs could not be completed: {}", e.toString());
        } finally {
            purging.unlock();
        }
    }

    private void dailyCheck() {
        try {
            Optional<LocalDate> day = schedule.dueDay(now());
            if (day.isPresent() && !journal.scheduledRunExists(day.get().toString())) {
                run(false, Actor.system(), "scheduled", day);
            }
        } catch (RuntimeException e) {
            // the next check tries again; the journal keeps what was done
            logger.error("The daily retention purge failed: {}", e.toString());
        }
    }

    @Override
    public List<PurgeReport> runs(int limit, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("limit", "must be between 1 and 1000");
        }
        return journal.latest(limit);
    }

    @Override
    public RetentionStatus status() {
        Instant now = now();
        boolean todayDone = schedule.dueDay(now).map(d -> journal.scheduledRunExists(d.toString())).orElse(false);
        return new RetentionStatus(database, recycleBinDays, schedule.enabled(), schedule.time(), schedule.zone(),
                schedule.next(now, todayDone), List.copyOf(installed.byModule().keySet()));
    }
}
