package org.steward.demo.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.Scheduler;
import org.steward.core.StewardException;

/**
 * Seeds demo people when configured ({@code contactsOnFirstStart}) and the contacts module holds no contact, on the
 * scheduler so that the start is not held up. Runs again whenever the contacts service returns (another database),
 * and seeds only an empty one.
 */
@Component(immediate = true, service = DemoOnFirstStart.class, configurationPid = DemoConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DemoConfiguration.class)
public final class DemoOnFirstStart {

    /** Fixed, so that every fresh server shows the same demo people. */
    static final long SEED = 20_26L;

    private final Scheduler.Task seeding;

    @Activate
    public DemoOnFirstStart(@Reference Contacts contacts, @Reference Scheduler scheduler,
            @Reference(service = LoggerFactory.class) Logger logger, DemoConfiguration config) {
        int n = config.contactsOnFirstStart();
        if (n <= 0) {
            seeding = null;
            return;
        }
        seeding = scheduler.once("demo contacts on first start", Duration.ZERO, () -> {
            try {
                if (contacts.count(Actor.system()) == 0) {
                    int created = DemoPeople.create(contacts, n, Actor.system(), SEED);
                    logger.info("Created {} demo contacts on first start", created);
                }
            } catch (StewardException | IllegalStateException e) {
                logger.warn("Demo contacts were not created: {}", e.getMessage());
            }
        });
    }

    @Deactivate
    void deactivate() {
        if (seeding != null) {
            seeding.cancel();
        }
    }
}
