package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.DataSource;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportPreview;
import org.steward.contacts.ImportPreview.ColumnMapping;
import org.steward.contacts.ImportPreview.Outcome;
import org.steward.contacts.ImportSummary;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.encryption.ErasureBlocklist;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

/** The dry run of an import: what it would do with the first rows, with nothing written. */
class ImportPreviewTest {

    private static final BundleContext CONTEXT = Osgi.context(ImportPreviewTest.class);
    private static ContactsFixture fixture;
    private static ContactsFixture.TestBlocklist blocklist;
    private static ServiceRegistration<ErasureBlocklist> registration;

    @BeforeAll
    static void start() throws Exception {
        blocklist = new ContactsFixture.TestBlocklist();
        registration = ContactsFixture.register(CONTEXT, blocklist);
        fixture = ContactsFixture.fresh(CONTEXT);
    }

    @AfterAll
    static void stop() throws Exception {
        registration.unregister();
        ContactsFixture.reset(CONTEXT);
    }

    private static final String FILE = "First name,Last name,E-mail,Country,Birthday,Shoe size,Employer,Newsletter\n"
            + "Zofia,Nowak,zofia.p@example.org,PL,1980-04-23,38,Acme,\n"             // 2 imported as read
            + "Marco,Rossi,marco.p@example.org,it,someday,,Acme,yes\n"              // 3 normalised, left out
            + "Anna,Bell,not-an-email,FR,,,,\n"                                      // 4 invalid e-mail
            + "Zofia,Again,ZOFIA.P@example.org,,,,,\n"                               // 5 duplicate of 2
            + "Erika,Erased,erased.p@example.org,,,,,\n"                             // 6 erased before
            + "Ex,Isting,existing.p@example.org,,,,,\n"                              // 7 in the database
            + "Not,Read,notread.p@example.org,,,,,\n";                               // 8 beyond the rows asked

    private static ImportOptions options() {
        return new ImportOptions(ImportFormat.AUTO, (char) 0, Map.of("Employer", "company", "Newsletter",
                "consent.newsletter"), 0, "", null, false);
    }

    @Test
    void aPreviewReturnsTheMappingAndEachRowsOutcomeAndWritesNothing() throws Exception {
        fixture.contacts.create(ContactDraft.of("Ex", "Isting", "existing.p@example.org"),
                DataSource.manual("tester", Instant.now()), Actor.system());
        blocklist.add(PersonId.random(), List.of(fixture.blindIndex.email("erased.p@example.org")), "rq-p");
        Path file = fixture.file("preview.csv", FILE.getBytes(StandardCharsets.UTF_8));
        long contacts = fixture.contacts.count(Actor.system());
        long journals = fixture.count("SELECT COUNT(*) FROM CONTACTS_IMPORT");
        long companies = fixture.count("SELECT COUNT(*) FROM CONTACTS_COMPANY");
        long bases = fixture.count("SELECT COUNT(*) FROM CONTACTS_LAWFUL_BASIS");
        int previews = fixture.auditEntries("contacts.import.preview").size();

        ImportPreview preview;
        try (LogCapture logs = new LogCapture(CONTEXT)) {
            preview = fixture.imports.preview(file, options(), 6, Actor.system());
            for (String message : logs.messages()) {
                assertFalse(message != null && (message.contains("zofia.p@") || message.contains("Rossi")),
                        "a log message holds a value: " + message);
            }
        }
        assertEquals("preview.csv", preview.fileName());
        assertEquals(ImportFormat.CSV, preview.format());
        assertEquals("CSV", preview.layout());
        assertEquals(List.of(new ColumnMapping("First name", "firstName"), new ColumnMapping("Last name", "lastName"),
                new ColumnMapping("E-mail", "email"), new ColumnMapping("Country", "address.country"),
                new ColumnMapping("Birthday", "birthDate"), new ColumnMapping("Shoe size", null),
                new ColumnMapping("Employer", "company"), new ColumnMapping("Newsletter", "consent.newsletter")),
                preview.columns());
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), preview.rows().stream().map(r -> r.line()).toList());
        assertEquals(List.of(Outcome.IMPORTED, Outcome.NORMALISED, Outcome.REJECTED, Outcome.REJECTED,
                Outcome.REJECTED, Outcome.REJECTED), preview.rows().stream().map(r -> r.outcome()).toList());

        ImportPreview.RowOutcome zofia = preview.rows().get(0);
        assertEquals("zofia.p@example.org", zofia.values().get("email"));
        assertEquals("Acme", zofia.values().get("company"));
        assertTrue(zofia.notes().contains("company: a company of this name will be created"), zofia.notes()
                .toString());
        ImportPreview.RowOutcome marco = preview.rows().get(1);
        assertEquals("IT", marco.values().get("address.country"));
        assertFalse(marco.values().containsKey("birthDate"));
        assertEquals("CONSENT", marco.values().get("basis.newsletter"));
        assertTrue(marco.notes().stream().anyMatch(n -> n.startsWith("birthDate: ")), marco.notes().toString());
        assertTrue(marco.notes().stream().anyMatch(n -> n.startsWith("address.country: ")), marco.notes()
                .toString());
        assertTrue(marco.notes().stream().noneMatch(n -> n.contains("someday")), "a note never holds the value");
        assertTrue(preview.rows().get(2).reason().startsWith("email:"), preview.rows().get(2).reason());
        assertTrue(preview.rows().get(2).values().isEmpty());
        assertTrue(preview.rows().get(3).reason().contains("same as line 2"), preview.rows().get(3).reason());
        assertTrue(preview.rows().get(4).reason().contains("erased before"), preview.rows().get(4).reason());
        assertTrue(preview.rows().get(5).reason().contains("a contact with this address exists"));

        // nothing written: no contact, no journal, no company, no basis; one audit entry without values
        assertEquals(contacts, fixture.contacts.count(Actor.system()));
        assertEquals(journals, fixture.count("SELECT COUNT(*) FROM CONTACTS_IMPORT"));
        assertEquals(companies, fixture.count("SELECT COUNT(*) FROM CONTACTS_COMPANY"));
        assertEquals(bases, fixture.count("SELECT COUNT(*) FROM CONTACTS_LAWFUL_BASIS"));
        assertTrue(fixture.imports.unfinished(Actor.system()).isEmpty());
        var entries = fixture.auditEntries("contacts.import.preview");
        assertEquals(previews + 1, entries.size());
        String details = entries.stream().map(e -> e.event().details()).filter(d -> d.contains("6 records previewed"))
                .findFirst().orElseThrow(() -> new AssertionError(entries.toString()));
        assertEquals("CSV file, layout CSV: 6 records previewed, 4 would be rejected", details);

        // the import afterwards does what the preview said
        ImportSummary imported = fixture.imports.importFile(file, options(), null, Actor.system());
        assertEquals(3, imported.imported(), () -> ImportTest.read(imported.reportFile()));
        assertEquals(4, imported.rejected());

        ValidationException rows = assertThrows(ValidationException.class, () -> fixture.imports.preview(file,
                options(), 0, Actor.system()));
        assertEquals("rows", rows.field());
    }

    @Test
    void aPreviewOfVCardsNamesTheVersionAndTheFieldsMet() throws Exception {
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dubois;Claire;;;\r\nFN:Claire Dubois\r\n"
                + "EMAIL;TYPE=INTERNET:claire.p@example.org\r\nADR;TYPE=HOME:;;1 rue de la Paix;Paris;;75002;FR\r\n"
                + "END:VCARD\r\n";
        Path file = fixture.file("preview.vcf", card.getBytes(StandardCharsets.UTF_8));
        ImportPreview preview = fixture.imports.preview(file, ImportOptions.defaults(), 10, Actor.system());
        assertEquals(ImportFormat.VCARD, preview.format());
        assertEquals("vCard 3.0", preview.layout());
        assertEquals(1, preview.rows().size());
        assertEquals("Paris", preview.rows().get(0).values().get("address.city"));
        assertTrue(preview.columns().contains(new ColumnMapping("email", "email")), preview.columns().toString());
        assertTrue(fixture.contacts.findByEmail("claire.p@example.org", Actor.system()).isEmpty());
    }

    @Test
    void theConsolePrintsThePreviewAndImportsNothing() throws Exception {
        Path file = fixture.file("console-preview.csv", ("Imie;Nazwisko;Mail;Kolor\n"
                + "Agnieszka;Wiśniewska;agnieszka.p@example.pl;zielony\nBroken;Row;not-an-address;\n")
                .getBytes(StandardCharsets.UTF_8));
        long contacts = fixture.contacts.count(Actor.system());
        CommandSession session = Osgi.service(CONTEXT, CommandProcessor.class).createSession(System.in,
                new PrintStream(new ByteArrayOutputStream()), System.err);
        try {
            String out = String.valueOf(session.execute("contacts:import --preview --rows 5 " + file
                    + " Imie=firstName,Nazwisko=lastName,Mail=email"));
            assertTrue(out.startsWith("Preview of console-preview.csv: CSV, layout CSV, 2 records read; nothing was "
                    + "imported."), out);
            assertTrue(out.contains("\"Mail\" -> email"), out);
            assertTrue(out.contains("\"Kolor\" -> (not used)"), out);
            assertTrue(out.contains("line 2  IMPORTED  firstName=Agnieszka, lastName=Wiśniewska, "
                    + "email=agnieszka.p@example.pl"), out);
            assertTrue(out.contains("line 3  REJECTED  email:"), out);
            assertEquals(contacts, fixture.contacts.count(Actor.system()));
            // the rows option is checked, naming it
            ValidationException tooMany = assertThrows(ValidationException.class, () -> session.execute(
                    "contacts:import --preview --rows 5000 " + file));
            assertEquals("rows", tooMany.field());
            // without --preview the same command imports
            String imported = String.valueOf(session.execute("contacts:import " + file
                    + " Imie=firstName,Nazwisko=lastName,Mail=email"));
            assertTrue(imported.startsWith("Imported 1 of 2 records, 1 rejected"), imported);
            assertTrue(imported.contains("1 columns not used"), imported);
        } finally {
            session.close();
        }
    }
}
