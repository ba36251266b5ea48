package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.DataSource;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.contacts.SourceType;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.encryption.ErasureBlocklist;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

/** Imports with planted bad rows, vCards, re-import, crash and resume. */
class ImportTest {

    private static final BundleContext CONTEXT = Osgi.context(ImportTest.class);
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyBadRowIsReportedWithLineAndReasonAndEveryGoodRowImported() throws Exception {
        fixture.contacts.create(ContactDraft.of("Existing", "Person", "existing@example.org"),
                DataSource.manual("tester", Instant.now()), Actor.system());
        blocklist.add(PersonId.random(), List.of(fixture.blindIndex.email("erased@example.org")), "rq-1");
        long before = fixture.contacts.count(Actor.system());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        out.write(utf8("firstName,lastName,email,phone,notes\r\n"));                       // 1
        out.write(utf8("Zofia,Wiśniewska,zofia@example.org,+48 600 100 200,\r\n"));         // 2 good
        out.write(utf8("Marco,Rossi,marco@example.org,,\"Met at the fair,\r\n"));           // 3 good, multi-line
        out.write(utf8("likes \"\"espresso\"\"\"\r\n"));                                    // 4 (continuation)
        out.write(utf8("Jan,\"Kow\"alski,jan@example.org,,\r\n"));                          // 5 broken quoting
        out.write(utf8("Anna,Nowak,not-an-email,,\r\n"));                                   // 6 invalid e-mail
        out.write(utf8("Long,\"" + "x".repeat(300) + "\",long@example.org,,\r\n"));         // 7 over-long
        out.write("Zoë,Dupont,zoe@example.org,,\r\n".getBytes(StandardCharsets.ISO_8859_1)); // 8 Latin-1
        out.write(utf8("Zofia,Again,ZOFIA@example.org,,\r\n"));                              // 9 duplicate of 2
        out.write(utf8("Erika,Erased,erased@example.org,,\r\n"));                           // 10 erased before
        out.write(utf8("李,小明,li@example.org,,\r\n"));                                     // 11 good
        out.write(utf8("Ex,Isting,existing@example.org,,\r\n"));                            // 12 in the database
        out.write(utf8("Émile,Zola,emile@example.org,+33 1 23 45 67 89,\r\n"));             // 13 good
        Path file = fixture.file("planted.csv", out.toByteArray());

        ImportSummary summary;
        try (LogCapture logs = new LogCapture(CONTEXT)) {
            summary = fixture.imports.importFile(file, ImportOptions.defaults(), null, Actor.system());
            for (String message : logs.messages()) {
                for (String value : List.of("zofia@", "Wiśniewska", "Rossi", "espresso", "li@example", "Zola")) {
                    assertFalse(message != null && message.contains(value), "a log message holds a value: " + message);
                }
            }
        }
        assertEquals(ImportSummary.Status.COMPLETED, summary.status());
        assertEquals(11, summary.records());
        assertEquals(4, summary.imported());
        assertEquals(7, summary.rejected());

        Map<Long, String> report = report(summary.reportFile());
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L, 12L), List.copyOf(report.keySet()));
        assertTrue(report.get(5L).contains("broken quoting"), report.get(5L));
        assertTrue(report.get(6L).startsWith("email:"), report.get(6L));
        assertTrue(report.get(7L).contains("lastName: is longer than 200"), report.get(7L));
        assertTrue(report.get(8L).contains("not valid UTF-8"), report.get(8L));
        assertTrue(report.get(9L).contains("same as line 2"), report.get(9L));
        assertTrue(report.get(10L).contains("erased before"), report.get(10L));
        assertTrue(report.get(12L).contains("a contact with this address exists"), report.get(12L));
        String reportText = Files.readString(summary.reportFile());
        assertFalse(reportText.contains("not-an-email") || reportText.contains("Kow"), "the report holds a value");
        assertTrue(Files.readString(summary.summaryFile()).contains("imported 4"));

        Contact marco = fixture.contacts.findByEmail("marco@example.org", Actor.system()).orElseThrow();
        assertEquals("Met at the fair,\r\nlikes \"espresso\"", marco.notes());
        assertEquals(SourceType.IMPORT, marco.sources().get(0).type());
        assertEquals("3", marco.sources().get(0).details().get("line"));
        assertEquals("小明", fixture.contacts.findByEmail("li@example.org", Actor.system()).orElseThrow().lastName());
        assertEquals(before + 4, fixture.contacts.count(Actor.system()));
        assertFalse(fixture.auditEntries("contacts.import.batch").isEmpty());

        // the same file again: nothing happens
        ImportSummary again = fixture.imports.importFile(file, ImportOptions.defaults(), null, Actor.system());
        assertEquals(ImportSummary.Status.ALREADY_IMPORTED, again.status());
        assertEquals(before + 4, fixture.contacts.count(Actor.system()));
        // the same rows in a different file (semicolons, no BOM): every one is a duplicate
        Path copy = fixture.file("copy.csv", utf8("Vorname;Nachname;E-Mail\nZofia;W;zofia@example.org\n"
                + "Marco;R;MARCO@example.org\n"));
        ImportSummary copied = fixture.imports.importFile(copy, ImportOptions.defaults(), null, Actor.system());
        assertEquals(0, copied.imported());
        assertEquals(2, copied.rejected());
        assertEquals(before + 4, fixture.contacts.count(Actor.system()));
    }

    @Test
    void semicolonFileWithAnExplicitMapping() throws Exception {
        Path file = fixture.file("mapped.csv", utf8("Imię;Nazwisko;Poczta;Miasto\nKasia;Kowalczyk;kasia@example.org;"
                + "Kraków\n"));
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("Imię", "firstName");
        mapping.put("Nazwisko", "lastName");
        mapping.put("Poczta", "email");
        mapping.put("Miasto", "address.city");
        ImportSummary s = fixture.imports.importFile(file, new ImportOptions(ImportFormat.AUTO, (char) 0, mapping, 0),
                null, Actor.system());
        assertEquals(1, s.imported());
        Contact kasia = fixture.contacts.findByEmail("kasia@example.org", Actor.system()).orElseThrow();
        assertEquals("Kraków", kasia.address().city());
        assertEquals("Kowalczyk", kasia.lastName());
    }

    @Test
    void vcard3And4() throws Exception {
        String v3 = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dubois;Claire;;;\r\nFN:Claire Dubois\r\n"
                + "EMAIL;TYPE=INTERNET:claire@example.org\r\nTEL;TYPE=CELL:+33 6 12 34 56 78\r\n"
                + "ADR;TYPE=HOME:;;1 rue de la Paix;Paris;;75002;FR\r\nBDAY:1985-06-15\r\nEND:VCARD\r\n";
        String v4 = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Bianchi;Giulia;;;\r\nFN:Giulia Bianchi\r\n"
                + "EMAIL:giulia@example.org\r\nTEL;VALUE=uri;TYPE=voice:tel:+39-06-1234-5678\r\nLANG:it\r\n"
                + "END:VCARD\r\n";
        String broken = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Nobody\r\n";
        Path file = fixture.file("people.vcf", utf8(v3 + "\r\n" + v4 + broken + v4.replace("giulia@", "g2@")));
        ImportSummary s = fixture.imports.importFile(file, ImportOptions.defaults(), null, Actor.system());
        assertEquals(3, s.imported(), () -> "report: " + read(s.reportFile()));
        assertEquals(1, s.rejected());
        Map<Long, String> report = report(s.reportFile());
        assertEquals(List.of(19L), List.copyOf(report.keySet()));
        Contact claire = fixture.contacts.findByEmail("claire@example.org", Actor.system()).orElseThrow();
        assertEquals("Claire", claire.firstName());
        assertEquals("+33612345678", claire.mobile(), "stored in E.164");
        assertEquals("Paris", claire.address().city());
        assertEquals("1985-06-15", claire.birthDate().toString());
        Contact giulia = fixture.contacts.findByEmail("giulia@example.org", Actor.system()).orElseThrow();
        assertEquals("Bianchi", giulia.lastName());
        assertEquals("it", giulia.language());
    }

    @Test
    void crashAfterSomeBatchesThenResumeLosesAndDoublesNothing() throws Exception {
        StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
        int rows = 4000;
        for (int i = 0; i < rows; i++) {
            csv.append("First").append(i).append(",Last").append(i).append(",crash").append(i).append("@example.org\n");
        }
        Path file = fixture.file("crash.csv", utf8(csv.toString()));
        long before = fixture.contacts.count(Actor.system());
        AtomicInteger batches = new AtomicInteger();
        RuntimeException crash = assertThrows(IllegalStateException.class, () -> fixture.imports.importFile(file,
                new ImportOptions(ImportFormat.CSV, ',', Map.of(), 500), (r, i, x) -> {
                    if (batches.incrementAndGet() == 3) {
                        throw new IllegalStateException("simulated crash");
                    }
                }, Actor.system()));
        assertEquals("simulated crash", crash.getMessage());
        assertEquals(before + 1500, fixture.contacts.count(Actor.system()));
        List<ImportSummary> unfinished = fixture.imports.unfinished(Actor.system()).stream()
                .filter(u -> u.fileName().equals("crash.csv")).toList();
        assertEquals(1, unfinished.size());
        assertEquals(1500, unfinished.get(0).imported());

        // the same file imported again goes on where it stopped; it stops again after its second batch
        Actor reimporter = fixture.user("importer-reimports", DefaultProfiles.ADMINISTRATOR);
        AtomicInteger again = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> fixture.imports.importFile(file, null, (r, i, x) -> {
            if (again.incrementAndGet() == 2) {
                throw new IllegalStateException("simulated crash");
            }
        }, reimporter));
        assertEquals(before + 2500, fixture.contacts.count(Actor.system()));

        Actor resumer = fixture.user("importer-resumes", DefaultProfiles.ADMINISTRATOR);
        ImportSummary resumed = fixture.imports.resume(unfinished.get(0).importId(), file, null, resumer);
        assertEquals(ImportSummary.Status.COMPLETED, resumed.status());
        assertEquals(rows, resumed.records());
        assertEquals(rows, resumed.imported());
        assertEquals(0, resumed.rejected());
        assertEquals(before + rows, fixture.contacts.count(Actor.system()));
        String prefix = ImportSummaryKey.prefix(fixture, file);
        assertEquals(rows, fixture.count("SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE IMPORT_KEY LIKE ?", prefix));
        assertEquals(rows, fixture.count("SELECT COUNT(DISTINCT EMAIL_TOKEN) FROM CONTACTS_CONTACT WHERE IMPORT_KEY "
                + "LIKE ?", prefix));
        assertTrue(fixture.imports.unfinished(Actor.system()).stream().noneMatch(u -> u.fileName()
                .equals("crash.csv")));
        assertTrue(fixture.contacts.findByEmail("crash3999@example.org", Actor.system()).isPresent());
        assertTrue(fixture.contacts.findByEmail("crash1500@example.org", Actor.system()).isPresent());
        // each contact's source names who imported its line: the starter up to the crash, the resumer after it
        assertEquals(Map.of("line", "1501", "user", Actor.system().userId()), lineAndUser("crash1499@example.org"));
        assertEquals(Map.of("line", "1502", "user", reimporter.userId()), lineAndUser("crash1500@example.org"));
        assertEquals(Map.of("line", "2501", "user", reimporter.userId()), lineAndUser("crash2499@example.org"));
        assertEquals(Map.of("line", "2502", "user", resumer.userId()), lineAndUser("crash2500@example.org"));
        assertEquals(Map.of("line", "4001", "user", resumer.userId()), lineAndUser("crash3999@example.org"));
    }

    private Map<String, String> lineAndUser(String email) {
        DataSource source = fixture.contacts.findByEmail(email, Actor.system()).orElseThrow().sources().get(0);
        assertEquals(SourceType.IMPORT, source.type());
        assertEquals("crash.csv", source.name());
        return Map.of("line", source.details().get("line"), "user", source.details().get("user"));
    }

    static Map<Long, String> report(Path file) throws Exception {
        Map<Long, String> report = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("line,reason", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            report.put(Long.parseLong(line.substring(0, comma)), line.substring(comma + 2, line.length() - 1));
        }
        return report;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The import key prefix of a file: the first 32 hex digits of its SHA-256. */
    static final class ImportSummaryKey {
        static String prefix(ContactsFixture fixture, Path file) throws Exception {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 32) + ":%";
        }
    }
}
