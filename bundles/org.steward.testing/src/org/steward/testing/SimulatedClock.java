package org.steward.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;

/**
 * A clock the tests move by hand. Modules that take the time from an optional {@link Clock} service prefer one
 * registered with a high ranking, so deadlines, expiries and retention periods run over simulated days.
 */
public final class SimulatedClock extends Clock {

    private static SimulatedClock shared;

    private volatile Instant now;

    /**
     * The one simulated clock of a test run, registered as a {@link Clock} service the first time and set to
     * {@code start}: registering and unregistering a clock per test would make every module rebind its clock.
     */
    public static synchronized SimulatedClock shared(BundleContext context, Instant start) {
        if (shared == null) {
            shared = new SimulatedClock(start);
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("steward.clock", "simulated");
            context.registerService(Clock.class, shared, properties);
        }
        shared.set(start);
        return shared;
    }

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    public void set(Instant time) {
        now = time;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
