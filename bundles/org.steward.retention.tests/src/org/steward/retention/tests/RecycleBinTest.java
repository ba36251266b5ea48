package org.steward.retention.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionResult;
import org.steward.retention.PurgeReport;
import org.steward.retention.PurgeStep;
import org.steward.retention.RunState;
import org.steward.retention.StepState;
import org.steward.testing.Osgi;

/** Deleted records stay in the recycle bin for the configured days and are purged after them, not before. */
class RecycleBinTest {

    private final BundleContext context = Osgi.context(getClass());
    private RetentionFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private FakeModule contacts() {
        return fixture.module(new FakeModule("crm", fixture.clock,
                new RetentionCategory("leads-inactive", "Leads without activity", RetentionCategory.Action.RECYCLE,
                        24)));
    }

    @Test
    void deletedRecordsArePurgedAfterSixtyDaysButNotAtFiftyNine() throws Exception {
        fixture = RetentionFixture.fresh(context);
        FakeModule module = contacts();
        module.addDeleted("c-1", fixture.clock.instant());
        module.addDeleted("c-2", fixture.clock.instant().plus(Duration.ofDays(1)));

        fixture.clock.advance(Duration.ofDays(59));
        PurgeReport day59 = fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertEquals(RunState.COMPLETED, day59.state());
        assertEquals(0, day59.step("crm", RetentionResult.RECYCLE_BIN).orElseThrow().affected());
        assertTrue(module.inRecycleBin("c-1"), "59 days after deletion the record is still in the recycle bin");

        fixture.clock.advance(Duration.ofDays(1).plusSeconds(1));
        PurgeReport day60 = fixture.retention.purge(false, RetentionFixture.ADMIN);
        PurgeStep bin = day60.step("crm", RetentionResult.RECYCLE_BIN).orElseThrow();
        assertEquals(StepState.DONE, bin.state());
        assertEquals(1, bin.affected());
        assertEquals(List.of("c-1"), bin.recordIds());
        assertFalse(module.exists("c-1"), "60 days after deletion the record is purged");
        assertTrue(module.inRecycleBin("c-2"), "a record deleted a day later waits one more day");
        assertEquals(fixture.clock.instant().minus(Duration.ofDays(60)), bin.cutoff());

        List<AuditEntry> entries = fixture.audit("retention.purge", day60.runId());
        assertEquals(day60.steps().size(), entries.size(), "one audit entry per step");
        assertTrue(entries.stream().anyMatch(e -> e.event().details().contains("crm/recycle-bin")
                && e.event().details().contains("affected 1 records")), entries.toString());
        assertTrue(entries.stream().noneMatch(e -> e.event().details().contains("c-1")),
                "record ids stay in the journal, out of the audit entries");
    }

    @Test
    void theRecycleBinPeriodIsConfigurable() throws Exception {
        fixture = RetentionFixture.fresh(context, Map.of("recycleBinDays", 10));
        FakeModule module = contacts();
        module.addDeleted("c-1", fixture.clock.instant());
        fixture.clock.advance(Duration.ofDays(9));
        fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertTrue(module.inRecycleBin("c-1"));
        fixture.clock.advance(Duration.ofDays(1).plusSeconds(1));
        fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertFalse(module.exists("c-1"));
        assertEquals(10, fixture.retention.status().recycleBinDays());
    }
}
