package org.steward.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;

/**
 * The time every module reads, as a {@link Clock} service in UTC. Registered with the lowest ranking so that a
 * clock registered by a test (a simulated one that runs over days in a second) takes precedence: modules bind the
 * highest-ranked clock greedily and dynamically.
 */
@Component(service = Clock.class, property = Constants.SERVICE_RANKING + ":Integer=-2147483648")
public final class SystemClock extends Clock {

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }
}
