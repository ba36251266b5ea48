package org.steward.retention.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Collectors;

import org.steward.core.Actor;
import org.steward.core.spi.RetentionCategory;
import org.steward.persistence.Transactions;
import org.steward.retention.PurgeReport;
import org.steward.retention.PurgeStep;
import org.steward.retention.RunState;
import org.steward.retention.StepState;

import jakarta.persistence.EntityManager;

/**
 * The purge journal and the policy overrides in the module's own tables. Every change is its own short transaction,
 * so that what is recorded as done stays done after a crash.
 */
final class PurgeJournal {

    /** A step as planned when a run starts. */
    record PlannedStep(String module, String category, RetentionCategory.Action action, Instant cutoff) {
    }

    private final Transactions db;

    PurgeJournal(Transactions db) {
        this.db = db;
    }

    // ---------------------------------------------------------------------------------------------- policies

    Map<String, Integer> overrides() {
        return db.read(em -> em.createQuery("SELECT p FROM PolicyRecord p", PolicyRecord.class).getResultList().stream()
                .collect(Collectors.toMap(p -> p.id, p -> p.months)));
    }

    /** Stores or removes an override and answers the one it replaced. */
    OptionalInt setOverride(String module, String category, OptionalInt months, Actor actor, Instant now) {
        return db.write(em -> {
            PolicyRecord record = em.find(PolicyRecord.class, PolicyRecord.id(module, category));
            OptionalInt previous = record == null ? OptionalInt.empty() : OptionalInt.of(record.months);
            if (months.isEmpty()) {
                if (record != null) {
                    em.remove(record);
                }
                return previous;
            }
            if (record == null) {
                record = new PolicyRecord();
                record.id = PolicyRecord.id(module, category);
                record.module = module;
                record.category = category;
                em.persist(record);
            }
            record.months = months.getAsInt();
            record.updatedAt = now;
            record.updatedBy = actor.userId();
            return previous;
        });
    }

    // ---------------------------------------------------------------------------------------------- runs

    /** Records a new run with every step planned, in one transaction. */
    String start(boolean dryRun, String trigger, Actor actor, Instant reference, Optional<String> scheduledFor,
            List<PlannedStep> plan, Instant now) {
        String runId = UUID.randomUUID().toString();
        db.write(em -> {
            RunRecord run = new RunRecord();
            run.id = runId;
            run.dryRun = dryRun;
            run.trigger = trigger;
            run.actorId = actor.userId();
            run.referenceTime = reference;
            run.startedAt = now;
            run.state = RunState.RUNNING.name();
            run.scheduledFor = scheduledFor.orElse(null);
            em.persist(run);
            for (int i = 0; i < plan.size(); i++) {
                PlannedStep planned = plan.get(i);
                StepRecord step = new StepRecord();
                step.id = runId + "#" + i;
                step.runId = runId;
                step.seq = i;
                step.module = planned.module();
                step.category = planned.category();
                step.action = planned.action().name();
                step.cutoff = planned.cutoff();
                step.state = StepState.PENDING.name();
                em.persist(step);
            }
            return null;
        });
        return runId;
    }

    /** Steps of a run that still have to be carried out, in order. */
    List<StepRecord> openSteps(String runId) {
        return db.read(em -> em.createQuery("SELECT s FROM StepRecord s WHERE s.runId = :run AND s.state IN :open "
                + "ORDER BY s.seq", StepRecord.class).setParameter("run", runId)
                .setParameter("open", List.of(StepState.PENDING.name(), StepState.FAILED.name())).getResultList());
    }

    void stepDone(String stepId, StepState state, int affected, List<String> ids, String error, Instant now) {
        db.write(em -> {
            StepRecord step = em.find(StepRecord.class, stepId);
            step.state = state.name();
            step.affected = affected;
            step.recordIds = ids.isEmpty() ? null : String.join("\n", ids);
            step.error = error == null || error.isEmpty() ? null : truncate(error, 500);
            step.attempts++;
            step.finishedAt = state == StepState.FAILED ? null : now;
            return null;
        });
    }

    /** Closes a run when no step is left open; answers its state. */
    RunState finish(String runId, Instant now) {
        return db.write(em -> {
            RunRecord run = em.find(RunRecord.class, runId);
            long open = em.createQuery("SELECT COUNT(s) FROM StepRecord s WHERE s.runId = :run AND s.state IN :open",
                    Long.class).setParameter("run", runId)
                    .setParameter("open", List.of(StepState.PENDING.name(), StepState.FAILED.name()))
                    .getSingleResult();
            RunState state = open == 0 ? RunState.COMPLETED : run.dryRun ? RunState.FAILED : RunState.INCOMPLETE;
            run.state = state.name();
            if (state != RunState.INCOMPLETE) {
                run.finishedAt = now;
            }
            return state;
        });
    }

    /** Real runs that a crash or a failing module left open, oldest first. */
    List<RunRecord> interrupted() {
        return db.read(em -> em.createQuery("SELECT r FROM RunRecord r WHERE r.dryRun = FALSE AND r.state IN :open "
                + "ORDER BY r.startedAt", RunRecord.class)
                .setParameter("open", List.of(RunState.RUNNING.name(), RunState.INCOMPLETE.name())).getResultList());
    }

    /** Dry runs a crash left running: nothing to complete, they are marked failed. */
    int failAbandonedDryRuns(Instant now) {
        return db.write(em -> {
            List<RunRecord> runs = em.createQuery("SELECT r FROM RunRecord r WHERE r.dryRun = TRUE AND r.state = :s",
                    RunRecord.class).setParameter("s", RunState.RUNNING.name()).getResultList();
            runs.forEach(r -> {
                r.state = RunState.FAILED.name();
                r.finishedAt = now;
            });
            return runs.size();
        });
    }

    boolean scheduledRunExists(String day) {
        return db.read(em -> em.createQuery("SELECT COUNT(r) FROM RunRecord r WHERE r.scheduledFor = :day", Long.class)
                .setParameter("day", day).getSingleResult() > 0);
    }

    Optional<PurgeReport> report(String runId, List<String> resumed) {
        return db.read(em -> Optional.ofNullable(em.find(RunRecord.class, runId)).map(r -> report(em, r, resumed)));
    }

    List<PurgeReport> latest(int limit) {
        return db.read(em -> em.createQuery("SELECT r FROM RunRecord r ORDER BY r.startedAt DESC, r.id", RunRecord.class)
                .setMaxResults(limit).getResultList().stream().map(r -> report(em, r, List.of())).toList());
    }

    private static PurgeReport report(EntityManager em, RunRecord run, List<String> resumed) {
        List<PurgeStep> steps = new ArrayList<>();
        for (StepRecord s : em.createQuery("SELECT s FROM StepRecord s WHERE s.runId = :run ORDER BY s.seq",
                StepRecord.class).setParameter("run", run.id).getResultList()) {
            steps.add(new PurgeStep(s.module, s.category, RetentionCategory.Action.valueOf(s.action), s.cutoff,
                    StepState.valueOf(s.state), s.affected,
                    s.recordIds == null ? List.of() : Arrays.asList(s.recordIds.split("\n")), s.error, s.attempts));
        }
        return new PurgeReport(run.id, run.dryRun, run.trigger, run.actorId, run.referenceTime, run.startedAt,
                Optional.ofNullable(run.finishedAt), RunState.valueOf(run.state), steps, resumed);
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
