package org.steward.breaches.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward breaches", description = "The breach register and its 72-hour clock.")
public @interface BreachesConfiguration {

    String PID = "org.steward.breaches";

    @AttributeDefinition(name = "Overdue check interval (seconds)", min = "1", max = "3600", description = "How often "
            + "the register looks for breaches whose notification of the supervisory authority is more than 72 hours "
            + "after awareness; each is alerted once (log warning, audit entry, Event Admin event "
            + "org/steward/breaches/OVERDUE).")
    int checkIntervalSeconds() default 60;
}
