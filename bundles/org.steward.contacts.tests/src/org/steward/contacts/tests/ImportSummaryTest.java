package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.contacts.Company;
import org.steward.contacts.Contact;
import org.steward.contacts.FieldDefinition;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.contacts.LawfulBasis;
import org.steward.contacts.PurposeBasis;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.encryption.ErasureBlocklist;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

/**
 * What an import did with each column: the counts per column in the summary (and after a resume, for the whole
 * file), the values left out in the report, lawful-basis and consent columns, companies by name, kept columns.
 */
class ImportSummaryTest {

    private static final BundleContext CONTEXT = Osgi.context(ImportSummaryTest.class);
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

    private static Path csv(String name, String text) {
        return fixture.file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static ImportOptions mapped(Map<String, String> mapping, boolean keep) {
        return new ImportOptions(ImportFormat.AUTO, (char) 0, mapping, 0, "", null, keep);
    }

    private static ImportSummary.ColumnCount column(ImportSummary summary, String header) {
        return summary.columns().stream().filter(c -> c.column().equals(header)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + header + " in " + summary.columns()));
    }

    /** An importer: sales plus IMPORT, without MANAGE_CONSENT or ADMINISTER. */
    private static Actor importer(String id) {
        PermissionAdministration admin = Osgi.service(CONTEXT, PermissionAdministration.class);
        if (admin.profile("Importer").isEmpty()) {
            admin.createProfile(Actor.system(), "Importer", DefaultProfiles.SALES, "sales who import");
            admin.grant(Actor.system(), "Importer", "contacts", EnumSet.of(Operation.IMPORT));
        }
        return fixture.user(id, "Importer");
    }

    @Test
    void everyColumnIsCountedAndEveryValueLeftOutIsReportedByLineAndField() throws Exception {
        Company globex = fixture.companies.create("Globex", null, Actor.system());
        Path file = csv("columns.csv", "First name,Last name,E-mail,Country,Birthday,Shoe size,Employer\n"
                + "Zofia,Nowak,zofia.n@example.org,pl,1980-04-23,38,Acme\n"               // 2 country normalised
                + "Marco,Rossi,marco.r@example.org,IT,someday,44,ACME\n"                  // 3 birthday left out
                + "Anna,Bell,not-an-email,FR,,40,Initech\n"                               // 4 rejected
                + "Li,Wei,li.w@example.org,,,,globex\n"                                   // 5 existing company
                + "Émile,Zola,emile.z@example.org,,,,Société Générale\n");                // 6 new company
        long companiesBefore = fixture.count("SELECT COUNT(*) FROM CONTACTS_COMPANY");
        ImportSummary s;
        try (LogCapture logs = new LogCapture(CONTEXT)) {
            s = fixture.imports.importFile(file, mapped(Map.of("Employer", "company"), false), null,
                    Actor.system());
            for (String message : logs.messages()) {
                assertFalse(message != null && (message.contains("someday") || message.contains("Acme")),
                        "a log message holds a value: " + message);
            }
        }
        assertEquals(5, s.records());
        assertEquals(4, s.imported());
        assertEquals(1, s.rejected());
        assertEquals("CSV", s.layout());
        // every column is there, in header order, the unused one with a null field
        assertEquals(List.of("First name", "Last name", "E-mail", "Country", "Birthday", "Shoe size", "Employer"),
                s.columns().stream().map(ImportSummary.ColumnCount::column).toList());
        assertEquals(new ImportSummary.ColumnCount("First name", "firstName", 5, 0, 0), column(s, "First name"));
        assertEquals(new ImportSummary.ColumnCount("Country", "address.country", 3, 1, 0), column(s, "Country"));
        assertEquals(new ImportSummary.ColumnCount("Birthday", "birthDate", 2, 0, 1), column(s, "Birthday"));
        assertEquals(new ImportSummary.ColumnCount("Shoe size", null, 3, 0, 3), column(s, "Shoe size"));
        assertEquals(new ImportSummary.ColumnCount("Employer", "company", 5, 0, 0), column(s, "Employer"));

        Map<Long, String> report = ImportTest.report(s.reportFile());
        assertEquals(List.of(3L, 4L), List.copyOf(report.keySet()));
        assertTrue(report.get(3L).startsWith("birthDate: ") && report.get(3L).endsWith("value left out, the row was "
                + "imported"), report.get(3L));
        assertTrue(report.get(4L).startsWith("email:"), report.get(4L));
        String reportText = Files.readString(s.reportFile());
        assertFalse(reportText.contains("someday") || reportText.contains("not-an-email"), reportText);
        String summaryText = Files.readString(s.summaryFile());
        assertTrue(summaryText.contains("layout CSV"), summaryText);
        assertTrue(summaryText.contains("column \"Birthday\" -> birthDate: 2 values, 0 normalised, 1 left out"),
                summaryText);
        assertTrue(summaryText.contains("column \"Shoe size\" -> not used: 3 values left out"), summaryText);
        assertFalse(summaryText.contains("someday") || summaryText.contains("Rossi"), summaryText);

        Contact zofia = fixture.contacts.findByEmail("zofia.n@example.org", Actor.system()).orElseThrow();
        Contact marco = fixture.contacts.findByEmail("marco.r@example.org", Actor.system()).orElseThrow();
        assertEquals("PL", zofia.address().country());
        assertNull(marco.birthDate());
        assertEquals("Rossi", marco.lastName(), "the rest of the row is imported");
        // Acme and ACME are one company, made once; globex is the existing Globex; Initech's row was rejected
        List<Company> acme = fixture.companies.find("acme", 10, Actor.system());
        assertEquals(1, acme.size());
        assertEquals("Acme", acme.get(0).name());
        assertEquals(acme.get(0).id(), zofia.companyId());
        assertEquals(acme.get(0).id(), marco.companyId());
        assertEquals(globex.id(), fixture.contacts.findByEmail("li.w@example.org", Actor.system()).orElseThrow()
                .companyId());
        String societe = fixture.contacts.findByEmail("emile.z@example.org", Actor.system()).orElseThrow()
                .companyId();
        assertEquals("Société Générale", fixture.companies.get(societe, Actor.system()).name());
        assertEquals(companiesBefore + 2, fixture.count("SELECT COUNT(*) FROM CONTACTS_COMPANY"));
        assertTrue(fixture.companies.find("initech", 10, Actor.system()).isEmpty());
        assertEquals(2, fixture.auditEntries("company.create").stream()
                .filter(e -> e.event().details().contains("import " + s.importId())).count());

        // the completed import's summary, asked again, holds the same counts
        ImportSummary again = fixture.imports.importFile(file, mapped(Map.of("Employer", "company"), false), null,
                Actor.system());
        assertEquals(ImportSummary.Status.ALREADY_IMPORTED, again.status());
        assertEquals(s.columns(), again.columns());
    }

    @Test
    void aResumedImportCountsTheWholeFile() throws Exception {
        StringBuilder text = new StringBuilder("firstName,lastName,email,country,Unused\n");
        int rows = 450;
        for (int i = 0; i < rows; i++) {
            text.append("F").append(i).append(",L").append(i).append(",resume").append(i).append("@example.org,")
                    .append(i % 3 == 0 ? "de" : "DE").append(",x\n");
        }
        Path file = csv("resume-counts.csv", text.toString());
        AtomicInteger batches = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> fixture.imports.importFile(file,
                new ImportOptions(ImportFormat.CSV, ',', Map.of(), 100), (r, i, x) -> {
                    if (batches.incrementAndGet() == 2) {
                        throw new IllegalStateException("simulated crash");
                    }
                }, Actor.system()));
        ImportSummary unfinished = fixture.imports.unfinished(Actor.system()).stream()
                .filter(u -> u.fileName().equals("resume-counts.csv")).findFirst().orElseThrow();
        assertEquals(200, column(unfinished, "email").values(), "the journal holds the committed batches' counts");
        ImportSummary resumed = fixture.imports.resume(unfinished.importId(), file, null, Actor.system());
        assertEquals(rows, resumed.imported());
        assertEquals(new ImportSummary.ColumnCount("email", "email", rows, 0, 0), column(resumed, "email"));
        assertEquals(new ImportSummary.ColumnCount("country", "address.country", rows, rows / 3, 0),
                column(resumed, "country"));
        assertEquals(new ImportSummary.ColumnCount("Unused", null, rows, 0, rows), column(resumed, "Unused"));
        assertTrue(Files.readString(resumed.summaryFile()).contains("column \"email\" -> email: " + rows
                + " values"));
    }

    @Test
    void lawfulBasisConsentAndOptOutColumnsAreRecordedWithTheImportAsTheirSource() throws Exception {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("Email", "email");
        mapping.put("Surname", "lastName");
        mapping.put("Newsletter consent", "consent.newsletter");
        mapping.put("Legal basis for marketing", "basis.marketing");
        mapping.put("Marketing balancing test", "basis.marketing.justification");
        mapping.put("Service basis", "basis.service");
        mapping.put("Email Opt Out", "optOut.newsletter");
        Path file = csv("bases.csv", "Email,Surname,Newsletter consent,Legal basis for marketing,"
                + "Marketing balancing test,Service basis,Email Opt Out\n"
                + "basis.a@example.org,Alpha,yes,Legitimate interest – prospect/lead,LIA-7 assessed 2026-01,"
                + "Performance of a contract,0\n"                                                           // 2
                + "basis.b@example.org,Beta,yes,Legitimate interest – prospect/lead,,consent,1\n"           // 3
                + "basis.c@example.org,Gamma,no,whatever,,,false\n");                                       // 4

        // recording lawful bases needs MANAGE_CONSENT; the refusal leaves no journal behind
        long journals = fixture.count("SELECT COUNT(*) FROM CONTACTS_IMPORT");
        assertThrows(AccessDeniedException.class, () -> fixture.imports.importFile(file, mapped(mapping, false),
                null, importer("importer-bases")));
        assertEquals(journals, fixture.count("SELECT COUNT(*) FROM CONTACTS_IMPORT"));

        ImportSummary s = fixture.imports.importFile(file, mapped(mapping, false), null, Actor.system());
        assertEquals(3, s.imported(), () -> ImportTest.read(s.reportFile()));
        Map<String, PurposeBasis> a = bases("basis.a@example.org");
        assertEquals(LawfulBasis.CONSENT, a.get("newsletter").basis());
        assertTrue(a.get("newsletter").justification().contains("import " + s.importId() + ", line 2"),
                a.get("newsletter").justification());
        assertEquals(LawfulBasis.LEGITIMATE_INTERESTS, a.get("marketing").basis());
        assertTrue(a.get("marketing").justification().startsWith("LIA-7 assessed 2026-01"));
        assertEquals(LawfulBasis.CONTRACT, a.get("service").basis());
        assertFalse(a.get("service").justification().contains("Alpha") || a.get("service").justification()
                .contains("basis.a@"), "the recorded source holds no personal value");
        // opted out: no newsletter basis; legitimate interests without a balancing test are not recorded
        Map<String, PurposeBasis> b = bases("basis.b@example.org");
        assertEquals(Map.of("service", LawfulBasis.CONSENT), Map.of("service", b.get("service").basis()));
        assertEquals(1, b.size(), b.toString());
        assertTrue(bases("basis.c@example.org").isEmpty());

        assertEquals(new ImportSummary.ColumnCount("Legal basis for marketing", "basis.marketing", 3, 1, 2),
                column(s, "Legal basis for marketing"));
        assertEquals(new ImportSummary.ColumnCount("Newsletter consent", "consent.newsletter", 3, 1, 1),
                column(s, "Newsletter consent"));
        Map<Long, String> report = lines(s.reportFile());
        assertTrue(report.get(3L).contains("basis.marketing: legitimate interests need the balancing test"),
                report.toString());
        assertTrue(report.get(3L).contains("consent.newsletter: the person opted out"), report.toString());
        assertTrue(report.get(4L).contains("basis.marketing: is not a lawful basis"), report.toString());
        String summaryText = Files.readString(s.summaryFile());
        assertTrue(summaryText.contains("purpose newsletter: 1 lawful bases recorded (1 consent), 1 opted out"),
                summaryText);
        assertTrue(summaryText.contains("purpose service: 2 lawful bases recorded (1 consent), 0 opted out"),
                summaryText);
    }

    @Test
    void noColumnCanOverrideTheErasureBlocklist() throws Exception {
        blocklist.add(PersonId.random(), List.of(fixture.blindIndex.email("gone@example.org")), "rq-9");
        Path file = csv("override.csv", "email,lastName,override.reason,Blocklist override\n"
                + "gone@example.org,Gone,she asked to come back,yes\nstays@example.org,Stays,,\n");
        for (String field : List.of("override.reason", "blocklistOverride", "override")) {
            ValidationException refused = assertThrows(ValidationException.class, () -> fixture.imports.importFile(
                    file, mapped(Map.of("override.reason", field), false), null, Actor.system()));
            assertEquals("mapping", refused.field());
            assertTrue(refused.getMessage().contains("cannot come from a file"), refused.getMessage());
        }
        ImportSummary s = fixture.imports.importFile(file, ImportOptions.defaults(), null, Actor.system());
        assertEquals(1, s.imported());
        assertTrue(ImportTest.report(s.reportFile()).get(2L).contains("erased before"));
        assertTrue(fixture.contacts.findByEmail("gone@example.org", Actor.system()).isEmpty());
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM CONTACTS_BLOCKLIST_OVERRIDE"));
        assertTrue(s.columns().stream().filter(c -> c.field() == null).count() >= 1, s.columns().toString());
    }

    @Test
    void unmappedColumnsAreKeptAsPersonalCustomFieldsOnlyForAnAdministrator() throws Exception {
        Path file = csv("keep.csv", "email,lastName,Shoe size,Favourite colour,Shoe-Size\n"
                + "keep.a@example.org,Keeper,38,teal,39\nkeep.b@example.org,Other,,red,\n");
        long journals = fixture.count("SELECT COUNT(*) FROM CONTACTS_IMPORT");
        AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> fixture.imports.importFile(
                file, mapped(Map.of(), true), null, importer("importer-keeps")));
        assertTrue(denied.getMessage().contains("keepUnmappedColumns"), denied.getMessage());
        assertTrue(fixture.catalogue.field("custom.shoe_size").isEmpty());
        assertEquals(journals, fixture.count("SELECT COUNT(*) FROM CONTACTS_IMPORT"));

        ImportSummary s = fixture.imports.importFile(file, mapped(Map.of(), true), null, Actor.system());
        assertEquals(2, s.imported());
        for (String name : List.of("custom.shoe_size", "custom.favourite_colour", "custom.shoe_size_2")) {
            FieldDefinition f = fixture.catalogue.field(name).orElseThrow(() -> new AssertionError(name));
            assertEquals(DataClassification.PERSONAL, f.classification());
            assertFalse(f.builtIn());
        }
        assertEquals("Shoe size", fixture.catalogue.field("custom.shoe_size").orElseThrow().label());
        Contact a = fixture.contacts.findByEmail("keep.a@example.org", Actor.system()).orElseThrow();
        assertEquals(Map.of("custom.shoe_size", "38", "custom.favourite_colour", "teal", "custom.shoe_size_2", "39"),
                a.customFields());
        assertEquals(new ImportSummary.ColumnCount("Favourite colour", "custom.favourite_colour", 2, 0, 0),
                column(s, "Favourite colour"));
        assertTrue(s.columns().stream().allMatch(c -> c.field() != null), s.columns().toString());
        // an existing custom field of the same name is used, not defined again
        Path more = csv("keep-more.csv", "email,lastName,Favourite colour\nkeep.c@example.org,Third,blue\n");
        ImportSummary again = fixture.imports.importFile(more, mapped(Map.of(), true), null, Actor.system());
        assertEquals(1, again.imported());
        assertEquals("blue", fixture.contacts.findByEmail("keep.c@example.org", Actor.system()).orElseThrow()
                .customFields().get("custom.favourite_colour"));
    }

    private static Map<String, PurposeBasis> bases(String email) {
        Map<String, PurposeBasis> bases = new LinkedHashMap<>();
        for (PurposeBasis b : fixture.contacts.findByEmail(email, Actor.system()).orElseThrow().lawfulBases()) {
            bases.put(b.purpose(), b);
        }
        return bases;
    }

    /** The report's reasons per line, joined (a line can have several values left out). */
    private static Map<Long, String> lines(Path report) throws Exception {
        Map<Long, String> lines = new LinkedHashMap<>();
        for (String line : Files.readAllLines(report, StandardCharsets.UTF_8).subList(1, Files.readAllLines(report,
                StandardCharsets.UTF_8).size())) {
            int comma = line.indexOf(',');
            lines.merge(Long.parseLong(line.substring(0, comma)), line.substring(comma + 1), (x, y) -> x + " | " + y);
        }
        return lines;
    }
}
