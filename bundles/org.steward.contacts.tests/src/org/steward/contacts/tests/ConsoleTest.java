package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.core.ValidationException;
import org.steward.encryption.ErasureBlocklist;
import org.steward.testing.Osgi;

/** The console commands as an administrator types them, through the Gogo command processor. */
class ConsoleTest {

    private static final BundleContext CONTEXT = Osgi.context(ConsoleTest.class);
    private static final Pattern IMPORTED = Pattern.compile("Imported (\\d+) of (\\d+) records, (\\d+) rejected; "
            + "report (\\S+), summary");
    private static final Pattern FOUND = Pattern.compile("^([0-9a-f-]{36})  Agnieszka Wiśniewska", Pattern.MULTILINE);

    private static ContactsFixture fixture;
    private static ServiceRegistration<ErasureBlocklist> registration;
    private static CommandSession session;

    @BeforeAll
    static void start() throws Exception {
        registration = ContactsFixture.register(CONTEXT, new ContactsFixture.TestBlocklist());
        fixture = ContactsFixture.fresh(CONTEXT);
        session = Osgi.service(CONTEXT, CommandProcessor.class).createSession(System.in,
                new PrintStream(new ByteArrayOutputStream()), System.err);
    }

    @AfterAll
    static void stop() throws Exception {
        session.close();
        registration.unregister();
        ContactsFixture.reset(CONTEXT);
    }

    private static String run(String command) throws Exception {
        return String.valueOf(session.execute(command));
    }

    @Test
    void importCountFindShowAndExportFromTheConsole() throws Exception {
        Path csv = fixture.folder.resolve("console-import.csv");
        Files.writeString(csv, "Imie;Nazwisko;Mail\n"
                + "Agnieszka;Wiśniewska;agnieszka.wisniewska@example.pl\n"
                + "Marco;Rossi;marco.rossi@example.it\n"
                + "Broken;Row;not-an-address\n", StandardCharsets.UTF_8);

        String imported = run("contacts:import " + csv + " Imie=firstName,Nazwisko=lastName,Mail=email");
        Matcher m = IMPORTED.matcher(imported);
        assertTrue(m.find(), imported);
        assertEquals("2", m.group(1), imported);
        assertEquals("1", m.group(3), imported);
        String report = Files.readString(Path.of(m.group(4)), StandardCharsets.UTF_8);
        assertTrue(report.contains("4,") && report.contains("email"), "the bad line is reported with its number: " + report);
        assertFalse(report.contains("not-an-address"), "the report names the reason, never the value");

        assertTrue(run("contacts:import " + csv + " Imie=firstName,Nazwisko=lastName,Mail=email")
                .startsWith("This file was imported completely before"), "a second import changes nothing");
        assertEquals("2 contacts", run("contacts:count"));

        String found = run("contacts:find Wiś");
        Matcher id = FOUND.matcher(found);
        assertTrue(id.find(), found);
        String shown = run("contacts:show " + id.group(1));
        assertTrue(shown.contains("E-mail: agnieszka.wisniewska@example.pl") && shown.contains("Source: IMPORT"),
                shown);
        // a failure is thrown, so that bin/steward-admin ends with a failure status, and names the field
        ValidationException wrongId = assertThrows(ValidationException.class, () -> run("contacts:show not-an-id"));
        assertEquals("contactId", wrongId.field());

        Path out = fixture.folder.resolve("console-export.csv");
        String exported = run("contacts:export " + out);
        assertTrue(exported.startsWith("Exported 2 contacts"), exported);
        String written = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(written.contains("Wiśniewska") && written.contains("Rossi"), written);

        Path google = fixture.folder.resolve("console-export-google.csv");
        assertTrue(run("contacts:export --layout google " + google).startsWith("Exported 2 contacts"));
        assertTrue(Files.readString(google, StandardCharsets.UTF_8).startsWith("First Name,"), "a Google header");
        ValidationException layout = assertThrows(ValidationException.class,
                () -> run("contacts:export --layout thunderbird " + google));
        assertEquals("layout", layout.field());
    }
}
