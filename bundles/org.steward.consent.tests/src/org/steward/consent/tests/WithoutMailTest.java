package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.steward.consent.ConsentState;
import org.steward.consent.DoubleOptIn;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.testing.Osgi;

/** The consent console stays while the mail bundle is stopped; what mails a link says so, the rest works. */
class WithoutMailTest {

    private final ConsentFixture f;

    WithoutMailTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(WithoutMailTest.class));
    }

    private long commandsServiceId() throws Exception {
        ServiceReference<?>[] refs = f.context.getServiceReferences((String) null, "(osgi.command.scope=consent)");
        assertTrue(refs != null && refs.length == 1, "the consent commands are registered");
        return (Long) refs[0].getProperty("service.id");
    }

    @Test
    void theConsoleStaysWhileMailIsStopped() throws Throwable {
        String email = ConsentFixture.uniqueEmail("no-mail");
        PersonId person = f.contact(email).person();
        long commands = commandsServiceId();
        Bundle mail = Osgi.bundle(f.context, "org.steward.mail");
        mail.stop();
        try {
            assertEquals(commands, commandsServiceId(), "the console commands stayed registered");
            assertTrue(String.valueOf(f.command("purposes")).contains("newsletter"));
            assertTrue(String.valueOf(f.command("grant", email, "newsletter")).startsWith("Consent to newsletter"));
            assertTrue(String.valueOf(f.command("check", email, "newsletter")).startsWith("ALLOWED"));
            UnavailableException request = assertThrows(UnavailableException.class,
                    () -> f.command("request", email, "profiling"));
            assertTrue(request.getMessage().contains("mail module is not running"), request.getMessage());
            assertEquals(ConsentState.GRANTED, f.consents().current(person, "newsletter", ConsentFixture.STAFF)
                    .orElseThrow().state());
        } finally {
            mail.start();
        }
        Osgi.service(f.context, DoubleOptIn.class);
        assertEquals(commands, commandsServiceId(), "the same commands component, never restarted");
        assertTrue(String.valueOf(f.command("purge")).endsWith("unconfirmed submissions purged"));
    }
}
