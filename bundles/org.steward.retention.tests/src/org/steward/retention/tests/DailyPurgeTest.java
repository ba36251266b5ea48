package org.steward.retention.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.Actor;
import org.steward.core.spi.RetentionCategory;
import org.steward.retention.PurgeReport;
import org.steward.testing.Osgi;

/** The daily purge runs by itself once a day at the configured time, as Steward itself. */
class DailyPurgeTest {

    private final BundleContext context = Osgi.context(getClass());
    private RetentionFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theDailyPurgeRunsOncePerDayAtItsTime() throws Exception {
        fixture = RetentionFixture.fresh(context,
                Map.of("dailyPurge", true, "purgeTime", "09:15", "timeZone", "UTC", "checkIntervalSeconds", 1));
        FakeModule contacts = fixture.module(new FakeModule("crm", fixture.clock,
                new RetentionCategory("leads-inactive", "", RetentionCategory.Action.RECYCLE, 24)));
        contacts.addDeleted("bin-1", fixture.clock.instant().minus(Duration.ofDays(61)));
        assertEquals(Instant.parse("2030-01-07T09:15:00Z"), fixture.retention.status().nextScheduledRun().get());

        Osgi.sleep(2500);
        assertTrue(runs().isEmpty(), "nothing runs before 09:15");
        assertTrue(contacts.exists("bin-1"));

        fixture.clock.set(Instant.parse("2030-01-07T09:15:30Z"));
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (runs().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the daily purge did not run");
            Osgi.sleep(100);
        }
        Osgi.sleep(2500);
        List<PurgeReport> runs = runs();
        assertEquals(1, runs.size(), "one run per day, however often the scheduler checks");
        assertEquals("scheduled", runs.get(0).trigger());
        assertEquals("system", runs.get(0).actorId());
        assertFalse(contacts.exists("bin-1"));
        assertEquals(Instant.parse("2030-01-08T09:15:00Z"), fixture.retention.status().nextScheduledRun().get());
    }

    private List<PurgeReport> runs() {
        return fixture.retention.runs(10, Actor.system());
    }
}
