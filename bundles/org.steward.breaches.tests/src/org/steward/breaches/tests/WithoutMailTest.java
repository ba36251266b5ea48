package org.steward.breaches.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.breaches.Breach;
import org.steward.breaches.Breaches;
import org.steward.breaches.Recipient;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.testing.Osgi;

/**
 * The register stands without the mail module (an optional import): with the mail bundle stopped, breaches are still
 * recorded and read, and telling people answers that mail is not installed, with nobody recorded as told; when mail
 * comes back, so do the notices, without a restart of the register.
 */
class WithoutMailTest {

    private final BundleContext context = Osgi.context(getClass());

    @Test
    void withTheMailBundleStoppedTheRegisterWorksAndNoticesSayMailIsNotInstalled() throws Exception {
        BreachesFixture fixture = BreachesFixture.fresh(context);
        Breach breach = fixture.breaches.record(fixture.draft(fixture.clock.instant()).build(), BreachesFixture.DPO);
        Bundle mail = Osgi.bundle(context, "org.steward.mail");
        mail.stop();
        try {
            Breaches breaches = Osgi.service(context, Breaches.class, b -> !b.status().mailAvailable());
            assertFalse(breaches.status().mailAvailable());
            assertEquals(breach.id(), breaches.get(breach.id(), BreachesFixture.DPO).id());
            UnavailableException refused = assertThrows(UnavailableException.class, () -> breaches.notifyPeople(
                    breach.id(), List.of(Recipient.of(PersonId.random())), BreachesFixture.DPO));
            assertTrue(refused.getMessage().contains("mail module is not installed"), refused.getMessage());
            assertEquals(List.of(), breaches.notices(breach.id(), BreachesFixture.DPO), "nobody recorded as told");
        } finally {
            mail.start();
        }
        Breaches breaches = Osgi.service(context, Breaches.class, b -> b.status().mailAvailable());
        assertTrue(breaches.status().mailAvailable(), "mail is back without a restart of the register");
    }
}
