package org.steward.retention.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When the daily purge is due: once per calendar day in the configured zone, at or after the purge time. A day whose
 * time passed while the server was down is caught up at the next check.
 */
record DailySchedule(boolean enabled, LocalTime time, ZoneId zone) {

    /** The day whose run is due at {@code now}, empty before today's purge time. */
    Optional<LocalDate> dueDay(Instant now) {
        if (!enabled) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        return local.toLocalTime().isBefore(time) ? Optional.empty() : Optional.of(today);
    }

    /** When the purge runs next, given whether today's run was done. */
    Optional<Instant> next(Instant now, boolean todayDone) {
        if (!enabled) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant todayAt = today.atTime(time).atZone(zone).toInstant();
        if (todayDone) {
            return Optional.of(today.plusDays(1).atTime(time).atZone(zone).toInstant());
        }
        return Optional.of(todayAt.isBefore(now) ? now : todayAt);
    }
}
