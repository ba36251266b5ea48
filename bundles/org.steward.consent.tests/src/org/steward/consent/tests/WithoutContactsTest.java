package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.steward.consent.ConsentState;
import org.steward.consent.PendingConsent;
import org.steward.consent.WebFormSubmission;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.testing.Osgi;

/**
 * Consent stands alone: with the contacts bundle stopped, the consent services and console commands stay, what needs
 * a contact says the contacts module is not installed, the rest works; when contacts starts again, all of it is back
 * without restarting consent.
 */
class WithoutContactsTest {

    private static final String NOT_INSTALLED = "contacts module is not installed";

    private final ConsentFixture f;

    WithoutContactsTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(WithoutContactsTest.class));
    }

    private long commandsServiceId() throws Exception {
        ServiceReference<?>[] refs = f.context.getServiceReferences((String) null, "(osgi.command.scope=consent)");
        assertTrue(refs != null && refs.length == 1, "the consent commands are registered");
        return (Long) refs[0].getProperty("service.id");
    }

    private PendingConsent submit(String email) {
        return f.doubleOptIn().submit(WebFormSubmission.of(email, "newsletter", "footer-signup", "198.51.100.40",
                "Mozilla/5.0 WithoutContactsTest", Locale.ENGLISH, f.clock().instant()));
    }

    /** The check command once the contacts module is back (its services come up as the bundle starts). */
    private String awaitContacts(String email) throws Throwable {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (true) {
            try {
                return String.valueOf(f.command("check", email, "newsletter"));
            } catch (UnavailableException stillStarting) {
                if (System.nanoTime() > deadline) {
                    throw stillStarting;
                }
                Osgi.sleep(50);
            }
        }
    }

    @Test
    void consentWorksWithoutContactsAndTheRestComesBackWithThem() throws Throwable {
        String known = ConsentFixture.uniqueEmail("alone");
        PersonId person = f.contact(known).person();
        long commands = commandsServiceId();
        Bundle contacts = Osgi.bundle(f.context, "org.steward.contacts");
        contacts.stop();
        try {
            assertEquals(commands, commandsServiceId(), "the console commands stayed registered (not restarted)");
            String purposes = String.valueOf(f.command("purposes"));
            assertTrue(purposes.contains("newsletter"), purposes);
            assertTrue(String.valueOf(f.command("purge")).endsWith("unconfirmed submissions purged"));

            UnavailableException check = assertThrows(UnavailableException.class,
                    () -> f.command("check", known, "newsletter"));
            assertTrue(check.getMessage().contains(NOT_INSTALLED), check.getMessage());
            assertFalse(check.getMessage().contains("@"), "no address in the message");
            UnavailableException form = assertThrows(UnavailableException.class,
                    () -> submit(ConsentFixture.uniqueEmail("alone-form")));
            assertTrue(form.getMessage().contains(NOT_INSTALLED), form.getMessage());
            UnavailableException request = assertThrows(UnavailableException.class,
                    () -> f.requests().request(person, "profiling", ConsentFixture.STAFF));
            assertTrue(request.getMessage().contains(NOT_INSTALLED), request.getMessage());

            // consent by person id needs no contact
            assertEquals(ConsentState.GRANTED, f.consents().grant(person, "newsletter", f.formProof(1),
                    ConsentFixture.STAFF).state());
            assertTrue(f.permission().mayContact(person, "newsletter").allowed());
            assertEquals(ConsentState.WITHDRAWN, f.consents().withdraw(person, "newsletter", f.withdrawalProof(),
                    ConsentFixture.STAFF).state());
            assertFalse(f.permission().mayContact(person, "newsletter").allowed());
            assertTrue(f.provider().export(person, ConsentFixture.STAFF).records().size() >= 2,
                    "the personal-data provider answers");
        } finally {
            contacts.start();
        }
        assertEquals(commands, commandsServiceId(), "the same commands component, never restarted");
        String back = awaitContacts(known);
        assertTrue(back.startsWith("REFUSED"), back);
        String email = ConsentFixture.uniqueEmail("alone-back");
        PendingConsent pending = submit(email);
        assertTrue(pending.contactCreated(), "web forms create contacts again");
        assertEquals(1, f.awaitMails(email, 1).size(), "and the confirmation mail goes out");
    }
}
