package org.steward.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;

/** Core's {@link Clock} service: the system clock at the lowest ranking, which any registered clock outranks. */
class ClockServiceTest {

    private final BundleContext context = Osgi.context(ClockServiceTest.class);

    @Test
    void coreRegistersTheSystemClockInUtcWithTheLowestRanking() throws Exception {
        Osgi.service(context, Clock.class);
        ServiceReference<Clock> core = null;
        for (ServiceReference<Clock> ref : context.getServiceReferences(Clock.class, null)) {
            if ("org.steward.core".equals(ref.getBundle().getSymbolicName())) {
                core = ref;
            }
        }
        assertTrue(core != null, "core registers a Clock service");
        assertEquals(Integer.MIN_VALUE, core.getProperty(Constants.SERVICE_RANKING));
        Clock clock = context.getService(core);
        try {
            assertEquals(ZoneOffset.UTC, clock.getZone());
            Instant now = Instant.now();
            assertTrue(Duration.between(now, clock.instant()).abs().toSeconds() < 5, "it tells the real time");
            assertTrue(Math.abs(clock.millis() - System.currentTimeMillis()) < 5000);
        } finally {
            context.ungetService(core);
        }
    }

    @Test
    void aHigherRankedClockWins() {
        SimulatedClock simulated = new SimulatedClock(Instant.parse("2030-01-01T00:00:00Z"));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 100);
        ServiceRegistration<Clock> registration = context.registerService(Clock.class, simulated, properties);
        try {
            ServiceReference<Clock> best = context.getServiceReference(Clock.class);
            assertSame(simulated, context.getService(best));
            context.ungetService(best);
        } finally {
            registration.unregister();
        }
        ServiceReference<Clock> back = context.getServiceReference(Clock.class);
        assertEquals("org.steward.core", back.getBundle().getSymbolicName(), "the system clock again");
    }
}
