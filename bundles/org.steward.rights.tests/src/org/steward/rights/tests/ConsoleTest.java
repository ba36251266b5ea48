package org.steward.rights.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.ValidationException;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;

/**
 * The {@code rights} console commands through the Gogo command processor, as an administrator types them: a request
 * registered by e-mail address, the overdue list, export, restriction, erasure and the status with its journal. The
 * e-mail address is never printed back.
 */
class ConsoleTest {

    private static final Pattern REGISTERED = Pattern.compile(
            "Registered access request (\\S+) for person (\\S+), due (\\d{4}-\\d{2}-\\d{2})");

    private final BundleContext context = Osgi.context(ConsoleTest.class);
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2025-01-31T09:00:00Z"));
    private ServiceRegistration<Clock> clockRegistration;
    private CommandSession session;

    @BeforeEach
    void console() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 1000);
        clockRegistration = context.registerService(Clock.class, clock, properties);
        session = Osgi.service(context, CommandProcessor.class).createSession(System.in,
                new PrintStream(new ByteArrayOutputStream()), System.err);
    }

    @AfterEach
    void close() {
        session.close();
        clockRegistration.unregister();
    }

    private String run(String command) throws Exception {
        return String.valueOf(session.execute(command));
    }

    @Test
    void requestListExportRestrictEraseAndStatusFromTheConsole() throws Exception {
        Contacts contacts = Osgi.service(context, Contacts.class);
        String last = Fixture.unique("Zielinska");
        String email = Fixture.unique("z.") + "@example.org";
        Contact contact = contacts.create(ContactDraft.of(Fixture.unique("Irena"), last, email),
                DataSource.manual("staff-1", Instant.now()), Fixture.officer());

        String registered = run("rights:request access " + email + " letter");
        Matcher m = REGISTERED.matcher(registered);
        assertTrue(m.find(), registered);
        String requestId = m.group(1);
        assertEquals(contact.person().toString(), m.group(2), "the address is resolved through contacts");
        assertEquals(LocalDate.of(2025, 2, 28), LocalDate.parse(m.group(3)), "received 31 January: due 28 February");
        assertFalse(registered.contains(email), "the address is not printed back");

        assertTrue(run("rights:list").contains(requestId));
        assertFalse(run("rights:list --overdue").contains(requestId), "not overdue on the day of receipt");
        clock.advance(Duration.ofDays(29)); // 1 March
        String overdue = run("rights:list --overdue");
        assertTrue(overdue.contains(requestId) && overdue.contains("ACCESS"), overdue);

        String name = Fixture.unique("console-") + ".zip";
        String exported = run("rights:export " + email + " " + name);
        Path file = Fixture.dataDirectory().resolve("exports").resolve(name);
        assertTrue(exported.startsWith("Wrote " + file) && exported.contains("contacts="), exported);
        assertFalse(exported.contains(email), exported);
        Map<String, String> zip = Fixture.unzip(file);
        assertTrue(zip.get("data.json").contains(last) && zip.get("data.json").contains(email));

        String restricted = run("rights:restrict " + email + " on");
        assertTrue(restricted.contains("is restricted in") && restricted.contains("contacts"), restricted);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);
        assertTrue(rights.restrictedIn(contact.person(), Fixture.officer()).contains("contacts"));
        assertThrows(ProcessingRestrictedException.class, () -> contacts.update(contact.id(),
                Map.of("lastName", "Other"), Fixture.officer()), "contacts refuse processing while restricted");
        assertTrue(run("rights:restrict " + email + " off").contains("lifted"));
        assertEquals(List.of(), rights.restrictedIn(contact.person(), Fixture.officer()));
        assertThrows(ValidationException.class, () -> run("rights:restrict " + email + " maybe"));

        String erased = run("rights:erase " + email);
        assertTrue(erased.startsWith("Erasure of person " + contact.person()) && erased.contains("DONE"), erased);
        assertTrue(erased.contains("contacts") && erased.contains("key shredded"), erased);
        assertFalse(erased.contains(email), erased);
        assertFalse(Files.exists(file), "the earlier export is deleted by the erasure");
        Matcher erasure = Pattern.compile("\\(request (\\S+)\\)").matcher(erased);
        assertTrue(erasure.find(), erased);

        String status = run("rights:status " + erasure.group(1));
        assertTrue(status.contains("ERASURE") && status.contains("DONE") && status.contains("Erasure of person "
                + contact.person()) && status.contains("contacts"), status);
        String request = run("rights:status " + requestId);
        assertTrue(request.contains("ACCESS") && request.contains("channel letter"), request);
    }
}
