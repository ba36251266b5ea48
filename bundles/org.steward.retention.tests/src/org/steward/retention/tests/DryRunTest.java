package org.steward.retention.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionResult;
import org.steward.retention.PurgeReport;
import org.steward.retention.RunState;
import org.steward.testing.Osgi;

/** A dry run reports per module and category what a real run would do, and changes nothing. */
class DryRunTest {

    private final BundleContext context = Osgi.context(getClass());
    private RetentionFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aDryRunChangesNothingAndReportsCountsAndIds() throws Exception {
        fixture = RetentionFixture.fresh(context);
        FakeModule contacts = fixture.module(new FakeModule("crm", fixture.clock,
                new RetentionCategory("leads-inactive", "", RetentionCategory.Action.RECYCLE, 24)));
        FakeModule tickets = fixture.module(new FakeModule("tickets", fixture.clock,
                new RetentionCategory("tickets-closed", "", RetentionCategory.Action.ANONYMISE, 36)));
        var now = fixture.clock.instant();
        var longAgo = now.atZone(ZoneOffset.UTC).minus(Period.ofYears(4)).toInstant();
        contacts.add("lead-old", "leads-inactive", longAgo);
        contacts.add("lead-new", "leads-inactive", now.minus(Duration.ofDays(30)));
        contacts.addDeleted("bin-old", now.minus(Duration.ofDays(61)));
        tickets.add("t-1", "tickets-closed", longAgo);
        tickets.add("t-2", "tickets-closed", longAgo);

        PurgeReport report = fixture.retention.purge(true, RetentionFixture.ADMIN);

        assertTrue(report.dryRun());
        assertEquals(RunState.COMPLETED, report.state());
        assertEquals(List.of("lead-old"), report.step("crm", "leads-inactive").orElseThrow().recordIds());
        assertEquals(List.of("bin-old"),
                report.step("crm", RetentionResult.RECYCLE_BIN).orElseThrow().recordIds());
        assertEquals(2, report.step("tickets", "tickets-closed").orElseThrow().affected());
        assertEquals(List.of("t-1", "t-2"), report.step("tickets", "tickets-closed").orElseThrow().recordIds());
        assertEquals(4, report.totalAffected());

        assertTrue(contacts.items.get("lead-old").deletedAt == null, "the due lead was not moved");
        assertTrue(contacts.exists("bin-old"), "the recycle bin was not purged");
        assertTrue(!tickets.items.get("t-1").anonymised, "the ticket was not anonymised");
        assertTrue(contacts.changes.isEmpty() && tickets.changes.isEmpty());
        assertTrue(contacts.calls.stream().allMatch(FakeModule.Call::dryRun), "every call was a dry run");

        assertEquals(report.steps().size(), fixture.audit("retention.dry-run", report.runId()).size());
        assertEquals(0, fixture.audit("retention.purge", report.runId()).size());

        PurgeReport real = fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertEquals(report.totalAffected(), real.totalAffected(), "the real run does what the dry run reported");
        assertTrue(real.resumedRuns().isEmpty(), "a dry run is never completed later");
    }
}
