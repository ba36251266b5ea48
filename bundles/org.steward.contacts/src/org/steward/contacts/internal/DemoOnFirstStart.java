package org.steward.contacts.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.StewardException;

/**
 * Seeds demo people when configured ({@code demoContactsOnFirstStart}) and the contacts table is empty, in the
 * background so that the start is not held up.
 */
@Component(immediate = true, service = DemoOnFirstStart.class)
public final class DemoOnFirstStart {

    @Activate
    public DemoOnFirstStart(@Reference ContactsBase base, @Reference Contacts contacts) {
        int n = base.config.demoContactsOnFirstStart();
        if (n <= 0) {
            return;
        }
        Thread seeding = new Thread(() -> {
            try {
                long existing = base.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT"));
                if (existing == 0) {
                    int created = DemoPeople.create(contacts, n, Actor.system(), 20_26L);
                    base.logger.info("Created {} demo contacts on first start", created);
                }
            } catch (StewardException | IllegalStateException e) {
                base.logger.warn("Demo contacts were not created: {}", e.getMessage());
            }
        }, "steward-contacts-demo");
        seeding.setDaemon(true);
        seeding.start();
    }
}
