package org.steward.retention.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.NotFoundException;
import org.steward.core.spi.RetentionResult;
import org.steward.retention.PurgeReport;
import org.steward.retention.PurgeStep;
import org.steward.retention.StepState;
import org.steward.testing.Osgi;

/**
 * The real contacts module as a participant: a contact moved to its recycle bin is purged by the retention run after
 * 60 days, not after 59. The contacts module stamps deletions with the system clock, so the retention clock is set
 * relative to the real deletion time.
 */
class RealContactsTest {

    private final BundleContext context = Osgi.context(getClass());
    private RetentionFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Contacts contactsOnThisDatabase() throws Exception {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Contacts c : RetentionFixture.instances(context, Contacts.class)) {
                try {
                    if (c.count(RetentionFixture.ADMIN) == 0) {
                        return c;
                    }
                } catch (RuntimeException stale) {
                    // an instance on the previous database going away
                }
            }
            Osgi.sleep(100);
        }
        throw new AssertionError("no contacts service on the fresh database");
    }

    @Test
    void aDeletedContactIsPurgedAfterSixtyDaysButNotAtFiftyNine() throws Exception {
        fixture = RetentionFixture.fresh(context);
        Contacts contacts = contactsOnThisDatabase();
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (!fixture.retention.status().participants().contains(Contacts.MODULE)) {
            assertTrue(System.nanoTime() < deadline, "the contacts module takes part in retention");
            Osgi.sleep(50);
        }
        Contact ada = contacts.create(ContactDraft.of("Ada", "Retention", "ada.retention." + System.nanoTime()
                + "@example.org"), DataSource.manual(RetentionFixture.ADMIN.userId(), Instant.now()),
                RetentionFixture.ADMIN);
        contacts.delete(ada.id(), RetentionFixture.ADMIN);
        // contacts takes the time from the Clock service like every module, so the deletion is on the test's clock
        Instant deletedBy = fixture.clock.instant();

        fixture.clock.set(deletedBy.plus(Duration.ofDays(59)));
        PurgeReport day59 = fixture.retention.purge(false, RetentionFixture.ADMIN);
        PurgeStep kept = day59.step(Contacts.MODULE, RetentionResult.RECYCLE_BIN).orElseThrow();
        assertEquals(StepState.DONE, kept.state());
        assertFalse(kept.recordIds().contains(ada.id().value()), "59 days after deletion the contact is kept");

        fixture.clock.set(deletedBy.plus(Duration.ofDays(60)).plusSeconds(60));
        PurgeReport day60 = fixture.retention.purge(false, RetentionFixture.ADMIN);
        PurgeStep purged = day60.step(Contacts.MODULE, RetentionResult.RECYCLE_BIN).orElseThrow();
        assertEquals(StepState.DONE, purged.state());
        assertTrue(purged.recordIds().contains(ada.id().value()), "60 days after deletion the contact is purged");
        assertThrows(NotFoundException.class, () -> contacts.restore(ada.id(), RetentionFixture.ADMIN),
                "a purged contact cannot be restored");
    }
}
