package org.steward.retention;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The retention module's settings and state.
 *
 * @param database the JDBC URL of the database the journal is in
 * @param recycleBinDays how long deleted records stay in the recycle bins
 * @param dailyPurge whether the daily purge is scheduled
 * @param purgeTime the time of day of the daily purge
 * @param zone the time zone of {@code purgeTime}
 * @param nextScheduledRun when the daily purge runs next, empty when it is off
 * @param participants the modules taking part now
 */
public record RetentionStatus(String database, int recycleBinDays, boolean dailyPurge, LocalTime purgeTime,
        ZoneId zone, Optional<Instant> nextScheduledRun, List<String> participants) {

    public RetentionStatus {
        nextScheduledRun = nextScheduledRun == null ? Optional.empty() : nextScheduledRun;
        participants = List.copyOf(participants);
    }
}
