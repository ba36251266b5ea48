package org.steward.breaches.internal.events;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.steward.breaches.Breach;
import org.steward.breaches.Breaches;
import org.steward.breaches.internal.OverdueAlerts;

/**
 * Posts the overdue alert as an Event Admin event. Alone in its package and component: Event Admin is an optional
 * import, and without it only this component stays unsatisfied.
 */
@Component(service = OverdueAlerts.class)
public final class EventAdminAlerts implements OverdueAlerts {

    private final EventAdmin events;

    @Activate
    public EventAdminAlerts(@Reference EventAdmin events) {
        this.events = events;
    }

    @Override
    public void overdue(Breach breach) {
        // ids and times only: the free texts of a breach may name staff
        events.postEvent(new Event(Breaches.OVERDUE_TOPIC, Map.of("breach.id", breach.id().value(), "breach.due",
                breach.notificationDue().toString(), "breach.aware", breach.details().awareAt().toString(),
                "breach.risk", breach.details().risk().name())));
    }
}
