package org.steward.retention.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.Outcome;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionResult;
import org.steward.retention.PurgeReport;
import org.steward.retention.PurgeStep;
import org.steward.retention.RetentionService;
import org.steward.retention.RunState;
import org.steward.retention.StepState;
import org.steward.testing.Osgi;

/**
 * A run cut short (a module throws on its first call) is completed by the next run, or at the next start, with its
 * original cutoffs; what it had done is not done again.
 */
class InterruptedRunTest {

    private final BundleContext context = Osgi.context(getClass());
    private RetentionFixture fixture;
    private FakeModule contacts;
    private FakeModule tickets;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void modulesWithDueRecords() throws Exception {
        fixture = RetentionFixture.fresh(context);
        contacts = fixture.module(new FakeModule("crm", fixture.clock,
                new RetentionCategory("leads-inactive", "", RetentionCategory.Action.RECYCLE, 24)));
        tickets = fixture.module(new FakeModule("tickets", fixture.clock,
                new RetentionCategory("tickets-closed", "", RetentionCategory.Action.ANONYMISE, 36)));
        var old = fixture.clock.instant().atZone(ZoneOffset.UTC).minus(Period.ofYears(5)).toInstant();
        contacts.add("lead-1", "leads-inactive", old);
        contacts.addDeleted("bin-1", fixture.clock.instant().minus(Duration.ofDays(90)));
        tickets.add("t-1", "tickets-closed", old);
        tickets.addDeleted("t-bin", fixture.clock.instant().minus(Duration.ofDays(90)));
        contacts.failNext("leads-inactive", 1);
    }

    @Test
    void theNextRunCompletesTheInterruptedOneWithoutRepeatingItsSteps() throws Exception {
        modulesWithDueRecords();

        PurgeReport first = fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertEquals(RunState.INCOMPLETE, first.state());
        PurgeStep failed = first.step("crm", "leads-inactive").orElseThrow();
        assertEquals(StepState.FAILED, failed.state());
        assertEquals("IllegalStateException", failed.error(), "no message of a foreign exception is kept");
        assertEquals(StepState.DONE, first.step("crm", RetentionResult.RECYCLE_BIN).orElseThrow().state(),
                "the other steps went on");
        assertFalse(contacts.exists("bin-1"));
        assertTrue(tickets.items.get("t-1").anonymised);

        fixture.clock.advance(Duration.ofHours(1));
        PurgeReport second = fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertEquals(List.of(first.runId()), second.resumedRuns());
        PurgeReport completed = run(first.runId());
        assertEquals(RunState.COMPLETED, completed.state());
        PurgeStep retried = completed.step("crm", "leads-inactive").orElseThrow();
        assertEquals(StepState.DONE, retried.state());
        assertEquals(2, retried.attempts());
        assertEquals(failed.cutoff(), retried.cutoff(), "the completed step keeps the cutoff of its run");
        assertEquals(List.of("lead-1"), retried.recordIds());
        assertTrue(contacts.inRecycleBin("lead-1"));

        // steps done by the first run were not carried out again for it
        assertEquals(1, callsWith(tickets, "tickets-closed", first).size());
        assertEquals(1, callsWith(tickets, RetentionResult.RECYCLE_BIN, first).size());
        assertEquals(1, callsWith(contacts, RetentionResult.RECYCLE_BIN, first).size());
        assertEquals(2, callsWith(contacts, "leads-inactive", first).size(), "the failed call and the retry");
        // and no record was changed twice, the new run included
        contacts.changes.forEach((id, n) -> assertEquals(1, n.get(), id));
        tickets.changes.forEach((id, n) -> assertEquals(1, n.get(), id));
        assertEquals(0, second.totalAffected(), "the new run found nothing left to do");

        List<AuditEntry> entries = fixture.audit("retention.purge", first.runId());
        assertEquals(first.steps().size() + 1, entries.size(), "one entry per step and one for the failure");
        assertEquals(1, entries.stream().filter(e -> e.event().outcome() == Outcome.FAILED).count());
        assertTrue(entries.stream().anyMatch(e -> e.event().details().contains("crm/leads-inactive")
                && e.event().details().contains("attempt 2")));
    }

    @Test
    void anInterruptedRunIsCompletedAtTheNextStart() throws Exception {
        modulesWithDueRecords();
        PurgeReport first = fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertEquals(RunState.INCOMPLETE, first.state());

        RetentionService old = fixture.retention;
        Osgi.restart(context, "org.steward.retention");
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (true) {
            RetentionService current = RetentionFixture.instances(context, RetentionService.class).stream()
                    .filter(s -> s != old).findFirst().orElse(null);
            if (current != null) {
                fixture.retention = current;
                try {
                    if (run(first.runId()).state() == RunState.COMPLETED) {
                        break;
                    }
                } catch (RuntimeException starting) {
                    // not ready yet
                }
            }
            assertTrue(System.nanoTime() < deadline, "the interrupted run was not completed after the restart");
            Osgi.sleep(100);
        }
        assertTrue(contacts.inRecycleBin("lead-1"));
        assertEquals("system", callsWith(contacts, "leads-inactive", first).get(1).actorId(),
                "completed by Steward itself at start");
        assertEquals(1, callsWith(tickets, "tickets-closed", first).size());
    }

    private PurgeReport run(String id) {
        return fixture.retention.runs(100, RetentionFixture.ADMIN).stream().filter(r -> r.runId().equals(id))
                .findFirst().orElseThrow();
    }

    private static List<FakeModule.Call> callsWith(FakeModule module, String category, PurgeReport run) {
        var cutoff = run.step(module.module(), category).orElseThrow().cutoff();
        return module.calls(category).stream().filter(c -> c.cutoff().equals(cutoff)).toList();
    }
}
