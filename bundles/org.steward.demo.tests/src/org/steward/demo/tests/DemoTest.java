package org.steward.demo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.ContactExport;
import org.steward.contacts.Contacts;
import org.steward.contacts.ExportRequest;
import org.steward.contacts.ExportResult;
import org.steward.contacts.ImportFormat;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** The demo people: the console command, and the first start of a server with an empty contacts module. */
class DemoTest {

    private static final BundleContext CONTEXT = Osgi.context(DemoTest.class);

    @BeforeAll
    static void noSeeding() throws Exception {
        Osgi.configure(CONTEXT, DemoFixture.DEMO_PID, Map.of("contactsOnFirstStart", 0));
    }

    @AfterAll
    static void defaults() throws Exception {
        DemoFixture.reset(CONTEXT);
    }

    private static Object command(String function) throws Exception {
        return CONTEXT.getService(CONTEXT.getServiceReferences((String) null,
                "(&(osgi.command.scope=contacts)(osgi.command.function=" + function + "))")[0]);
    }

    @Test
    void demoPeopleFromFiveLocales() throws Exception {
        Contacts contacts = DemoFixture.freshContacts(CONTEXT);
        long before = contacts.count(Actor.system());
        Object commands = command("demo");
        String out = (String) commands.getClass().getMethod("demo", int.class).invoke(commands, 10);
        assertTrue(out.startsWith("Created 10"), out);
        assertEquals(before + 10, contacts.count(Actor.system()));
        Object counting = command("count");
        String count = (String) counting.getClass().getMethod("count").invoke(counting);
        assertEquals((before + 10) + " contacts", count);
    }

    @Test
    void theConsoleRefusesAWrongNumber() throws Exception {
        DemoFixture.freshContacts(CONTEXT);
        CommandSession session = Osgi.service(CONTEXT, CommandProcessor.class).createSession(System.in,
                new PrintStream(new ByteArrayOutputStream()), System.err);
        try {
            assertThrows(ValidationException.class, () -> session.execute("contacts:demo 0"));
        } finally {
            session.close();
        }
    }

    @Test
    void theFirstStartSeedsAnEmptyContactsModuleOnce() throws Exception {
        Contacts contacts = DemoFixture.freshContacts(CONTEXT);
        Osgi.configure(CONTEXT, DemoFixture.DEMO_PID, Map.of("contactsOnFirstStart", 7));
        assertEquals(7, DemoFixture.awaitCount(contacts, 7));
        // five regions in turn, every address reserved for examples, every person tagged as demo data
        Path csv = TempFolders.create("demo-export").resolve("people.csv");
        ExportResult exported = Osgi.service(CONTEXT, ContactExport.class).export(new ExportRequest(
                ImportFormat.CSV, "", List.of(), List.of("email", "address.country", "tags"), false), csv,
                Actor.system());
        assertEquals(7, exported.exported());
        List<String[]> rows = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.split(",", -1)).toList();
        assertEquals(Set.of("PL", "IT", "FR", "CN", "GB"), rows.stream().map(r -> r[2]).collect(Collectors.toSet()));
        assertTrue(rows.stream().allMatch(r -> r[1].endsWith("@example.com") && r[3].contains("demo")),
                Files.readString(csv));

        // a restart of the module (a new configuration) finds contacts there: nothing is added
        Osgi.configure(CONTEXT, DemoFixture.DEMO_PID, Map.of("contactsOnFirstStart", 5));
        Osgi.sleep(1500);
        assertEquals(7, contacts.count(Actor.system()));
    }
}
