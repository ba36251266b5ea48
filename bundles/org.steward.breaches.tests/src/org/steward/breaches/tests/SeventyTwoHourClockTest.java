package org.steward.breaches.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.steward.audit.AuditEntry;
import org.steward.breaches.Breach;
import org.steward.breaches.Breaches;
import org.steward.breaches.RiskLevel;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

/** The 72-hour clock from awareness: overdue after 72 hours, not at 71:59; alerted once by log, audit and event. */
class SeventyTwoHourClockTest {

    private final BundleContext context = Osgi.context(getClass());

    @Test
    void aBreachIsOverdueAfterSeventyTwoHoursNotAtSeventyOneFiftyNine() throws Throwable {
        BreachesFixture fixture = BreachesFixture.fresh(context);
        List<Event> events = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, Breaches.OVERDUE_TOPIC);
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try (LogCapture log = new LogCapture(context)) {
            Breach breach = fixture.breaches.record(fixture.draft(fixture.clock.instant()).build(), BreachesFixture.DPO);
            Breach harmless = fixture.breaches.record(fixture.draft(fixture.clock.instant()).risk(RiskLevel.NO_RISK)
                    .build(), BreachesFixture.DPO);
            assertEquals(fixture.clock.instant().plus(Duration.ofHours(72)), breach.notificationDue());

            fixture.clock.advance(Duration.ofHours(71).plusMinutes(59));
            assertTrue(fixture.breaches.overdue(BreachesFixture.DPO).isEmpty(), "not overdue at 71:59");
            Osgi.sleep(2500); // two overdue checks
            assertTrue(events.isEmpty());
            assertTrue(fixture.breaches.get(breach.id(), BreachesFixture.DPO).overdueAlertedAt().isEmpty());

            fixture.clock.advance(Duration.ofMinutes(1));
            assertTrue(fixture.breaches.overdue(BreachesFixture.DPO).isEmpty(),
                    "exactly 72 hours is still within the period");
            fixture.clock.advance(Duration.ofSeconds(1));
            List<Breach> overdue = fixture.breaches.overdue(BreachesFixture.DPO);
            assertEquals(List.of(breach.id()), overdue.stream().map(Breach::id).toList(),
                    "overdue after 72 hours; a breach without risk never is");
            assertFalse(overdue.stream().anyMatch(b -> b.id().equals(harmless.id())));

            String warning = log.await("is OVERDUE", breach.id().value());
            assertFalse(warning.contains("Zofia"), "free texts are never logged");
            long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
            while (events.isEmpty() && System.nanoTime() < deadline) {
                Osgi.sleep(50);
            }
            assertEquals(1, events.size(), "one Event Admin event");
            assertEquals(breach.id().value(), events.get(0).getProperty("breach.id"));
            assertEquals(breach.notificationDue().toString(), events.get(0).getProperty("breach.due"));

            Osgi.sleep(2500);
            assertEquals(1, events.size(), "alerted once, not at every check");
            List<AuditEntry> alerts = fixture.audit("breach.overdue");
            assertEquals(1, alerts.size());
            assertEquals(breach.id().value(), alerts.get(0).event().targetId());
            assertTrue(fixture.breaches.get(breach.id(), BreachesFixture.DPO).overdueAlertedAt().isPresent());

            String listed = (String) fixture.command("list", new Class<?>[] { boolean.class }, true);
            assertTrue(listed.contains(breach.id().value()) && listed.contains("OVERDUE"), listed);
            assertFalse(listed.contains(harmless.id().value()), listed);
            assertTrue(log.messages().stream().noneMatch(m -> m != null && m.contains("Zofia")));
        } finally {
            handler.unregister();
        }
    }
}
