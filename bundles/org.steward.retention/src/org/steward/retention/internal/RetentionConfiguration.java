package org.steward.retention.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward retention", description = "Retention periods, the recycle bin and the daily "
        + "purge over every installed module that takes part in retention.")
public @interface RetentionConfiguration {

    String PID = "org.steward.retention";

    @AttributeDefinition(name = "Recycle-bin period (days)", min = "1", max = "3650", description = "Deleted records "
            + "stay this many days in their module's recycle bin, where they can be restored; the purge then deletes "
            + "them for good.")
    int recycleBinDays() default 60;

    @AttributeDefinition(name = "Daily purge", description = "Whether the purge runs by itself once a day at the "
            + "purge time. When off, it runs only from the console (retention:purge).")
    boolean dailyPurge() default true;

    @AttributeDefinition(name = "Purge time", description = "The time of day (HH:mm, 24 hours) of the daily purge. "
            + "When the server was down at that time, the purge runs as soon as it is up again.")
    String purgeTime() default "02:30";

    @AttributeDefinition(name = "Time zone", description = "The time zone of the purge time, e.g. Europe/Warsaw.")
    String timeZone() default "UTC";

    @AttributeDefinition(name = "Check interval (seconds)", min = "1", max = "3600", description = "How often the "
            + "scheduler checks whether the daily purge is due.")
    int checkIntervalSeconds() default 60;
}
