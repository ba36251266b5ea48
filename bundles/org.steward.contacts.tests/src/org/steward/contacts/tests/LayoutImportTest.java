package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactId;
import org.steward.contacts.ExportLayout;
import org.steward.contacts.ExportRequest;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.core.Actor;
import org.steward.testing.Osgi;

/**
 * The recognised layouts end to end: each file of {@link LayoutFiles} imported through {@code importFile}, the stored
 * values read back through the Steward CSV export (every field by name).
 * <p>
 * Re-check after the merges of issue 14 (lead): the fields {@code jobTitle} and {@code other*} are asserted once the
 * normalise branch has put them into the catalogue, and the persons with a country name, a multi-line street, a
 * phone extension or a year-less birthday are asserted as stored; before, this test asserts that such a person is
 * rejected with a reason naming exactly those fields (which shows that the raw value reached the right field). The
 * company ({@code company}, read by the pipeline branch) is not asserted here.
 */
class LayoutImportTest {

    private static final BundleContext CONTEXT = Osgi.context(LayoutImportTest.class);
    private static ContactsFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ContactsFixture.fresh(CONTEXT);
    }

    @AfterAll
    static void stop() throws Exception {
        ContactsFixture.reset(CONTEXT);
    }

    @Test
    void googleContactsCsv() throws Exception {
        ImportSummary s = importFile("google.csv", LayoutFiles.GOOGLE, "Google Contacts CSV");
        Map<String, String> zofia = stored("zofia.w@example.pl");
        expect(zofia, "firstName", "Zofia Maria", "lastName", "Wiśniewska", "address.street", "ul. Długa 5",
                "address.city", "Kraków", "address.region", "Małopolskie", "address.postalCode", "30-001",
                "address.country", "PL", "birthDate", "1980-03-14", "notes", "Poznana na targach", "tags", "klienci");
        expectPhone(zofia, "mobile", "48601234567");
        expectPhone(zofia, "phone", "48221234567");
        expect(zofia, "jobTitle", "Dyrektor", "otherEmails", "home: zosia@example.com", "otherAddresses",
                "work: ul. Marszałkowska 10, 00-001 Warszawa, PL");
        expectOtherPhones(zofia, "home: +48123456789");
        assertEquals("Kowalski Sp. z o.o.", company("zofia.w@example.pl"));
        assertEquals("北京贸易有限公司", company("li.xiaoming@example.cn"));
        // counted per column, never shown: 中国 read as CN, two phone numbers brought to E.164 in the main fields
        assertEquals(1, s.columns().stream().filter(c -> "address.country".equals(c.field()))
                .mapToLong(ImportSummary.ColumnCount::normalised).sum(), s.columns()::toString);
        assertTrue(s.columns().stream().filter(c -> "phone".equals(c.field()) || "mobile".equals(c.field()))
                .mapToLong(ImportSummary.ColumnCount::normalised).sum() >= 2, s.columns()::toString);
        expect(stored("li.xiaoming@example.cn"), "address.street", "建国门外大街1号\n国贸大厦3层", "address.country", "CN",
                "birthDate", "--04-23", "lastName", "李", "firstName", "小明");
    }

    @Test
    void googleOlderExportWithSeveralValuesInACell() throws Exception {
        importFile("google-older.csv", LayoutFiles.GOOGLE_OLDER, "Google Contacts CSV (older export)");
        Map<String, String> tomasz = stored("tomasz@example.pl");
        expect(tomasz, "firstName", "Tomasz", "lastName", "Zieliński", "birthDate", "1979-01-30",
                "address.street", "ul. Piotrkowska 100, 90-001 Łódź", "tags", "my contacts,dostawcy");
        expectPhone(tomasz, "mobile", "48603000111");
        expect(tomasz, "otherEmails", "home: t.zielinski@example.com", "jobTitle", "Właściciel");
    }

    @Test
    void outlookCsv() throws Exception {
        ImportSummary s = importFile("outlook.csv", LayoutFiles.OUTLOOK, "Outlook CSV");
        Map<String, String> marco = stored("marco.rossi@example.it");
        expect(marco, "firstName", "Marco", "lastName", "Rossi", "address.street", "Via Roma 1", "address.city",
                "Milano", "address.region", "MI", "address.postalCode", "20121", "address.country", "IT",
                "birthDate", "", "tags", "clienti,vip");
        expectPhone(marco, "phone", "390212345678");
        expectPhone(marco, "mobile", "393331234567");
        expect(marco, "jobTitle", "Direttore vendite", "otherEmails", "marco@example.com", "otherAddresses",
                "home: Via Garibaldi 7, 10121 Torino, TO, IT");
        expectOtherPhones(marco, "home: +390117654321");
        assertEquals("Rossi S.r.l.", company("marco.rossi@example.it"));
        expect(stored("elodie@example.fr"), "address.street", "12 rue de la Paix\nBâtiment C", "address.country", "BE",
                "birthDate", "1980-03-14", "firstName", "Élodie");
    }

    @Test
    void appleHubspotZohoSalesforceSuiteAndEspo() throws Exception {
        importFile("apple.csv", LayoutFiles.APPLE, "Apple Contacts CSV");
        Map<String, String> lucja = stored("lucja@example.pl");
        expect(lucja, "firstName", "Łucja", "lastName", "Kamińska", "address.city", "Poznań", "address.country",
                "PL", "birthDate", "1985-12-01");
        expectPhone(lucja, "mobile", "48502111222");
        expectPhone(lucja, "phone", "48612223344");
        expect(lucja, "otherEmails", "home: lucja.k@example.com", "jobTitle", "Projektantka");

        ImportSummary hubspot = importFile("hubspot.csv", LayoutFiles.HUBSPOT, "HubSpot CSV");
        Map<String, String> anna = stored("anna.nowak@example.pl");
        expect(anna, "lastName", "Nowak", "address.street", "Nowy Świat 15", "address.region", "mazowieckie",
                "address.postalCode", "00-029", "address.country", "PL");
        expectPhone(anna, "phone", "48225550102");
        expectPhone(anna, "mobile", "48600700800");
        expect(anna, "jobTitle", "CEO");
        expect(stored("piotr.z@example.pl"), "address.country", "PL", "lastName", "Żółkiewski");

        ImportSummary zoho = importFile("zoho.csv", LayoutFiles.ZOHO, "Zoho CRM CSV");
        Map<String, String> giulia = stored("giulia@example.it");
        expect(giulia, "lastName", "Bianchi", "address.street", "Via del Corso 100", "address.city", "Roma",
                "address.postalCode", "00186", "address.country", "IT", "birthDate", "1975-11-02", "notes",
                "Cliente dal 2019");
        expectPhone(giulia, "mobile", "393477654321");
        expect(giulia, "otherEmails", "giulia.b@example.com", "jobTitle", "Responsabile acquisti");
        expect(stored("luca.verdi@example.it"), "address.country", "IT");

        ImportSummary salesforce = importFile("salesforce.csv", LayoutFiles.SALESFORCE, "Salesforce CSV");
        Map<String, String> jean = stored("jean.dupont@example.fr");
        expect(jean, "firstName", "Jean", "address.street", "5 avenue Victor Hugo", "address.city", "Lyon",
                "address.country", "FR", "birthDate", "1968-07-21");
        expectPhone(jean, "mobile", "33612345678");
        expect(jean, "jobTitle", "Directeur");
        expect(stored("emily.johnson@example.com"), "address.street", "350 Fifth Avenue\nSuite 3300",
                "address.country", "US");

        importFile("suitecrm.csv", LayoutFiles.SUITECRM, "SuiteCRM CSV");
        Map<String, String> hans = stored("hans@example.de");
        expect(hans, "firstName", "Hans", "lastName", "Müller", "address.street", "Unter den Linden 1",
                "address.country", "DE", "birthDate", "1970-01-01");
        expectPhone(hans, "phone", "49301234567");
        expect(hans, "otherEmails", "h.mueller@example.com", "otherAddresses",
                "other: Marienplatz 1, 80331 München, DE", "jobTitle", "Einkaufsleiter");

        importFile("espocrm.csv", LayoutFiles.ESPOCRM, "EspoCRM CSV");
        Map<String, String> wei = stored("zhang.wei@example.cn");
        expect(wei, "firstName", "伟", "lastName", "张", "address.street", "南京东路1号", "address.city", "上海",
                "address.country", "CN");
        expectPhone(wei, "phone", "862155556666");
    }

    @Test
    void vcardsOfPhonesMailClientsAndWebmail() throws Exception {
        ImportSummary s = importFile("people.vcf", LayoutFiles.vcards(), "vCard 2.1");
        // vCard 2.1, QUOTED-PRINTABLE UTF-8 names and street; PREF picks the main e-mail
        Map<String, String> malgorzata = stored("m.zolkiewska@example.com");
        expect(malgorzata, "firstName", "Małgorzata", "lastName", "Żółkiewska", "address.street", "ul. Łąkowa 7",
                "address.city", "Gdańsk", "address.country", "PL");
        expectPhone(malgorzata, "mobile", "48605777888");
        expectPhone(malgorzata, "phone", "48123334455");
        expect(malgorzata, "otherEmails", "home: malgorzata@example.pl");
        // iPhone 3.0: itemN groups, X-ABLabel as the label
        Map<String, String> kasia = stored("kasia@example.pl");
        expect(kasia, "lastName", "Kowalczyk", "address.street", "ul. Mokotowska 12", "birthDate", "1982-05-20");
        expectPhone(kasia, "mobile", "48604555666");
        assertEquals("Kowalczyk i Wspólnicy", company("kasia@example.pl"));
        expect(kasia, "jobTitle", "Adwokat", "otherEmails", "work: k.kowalczyk@example.com", "otherAddresses",
                "biuro: Aleje Jerozolimskie 100, 00-807 Warszawa, PL");
        Map<String, String> piotr = stored("piotr.nowicki@example.pl");
        expect(piotr, "firstName", "Piotr", "address.region", "pomorskie", "birthDate", "1988-10-05");
        expectPhone(piotr, "mobile", "48607800900");
        expect(piotr, "otherEmails", "home: piotr@example.com", "jobTitle", "Programista");
        Map<String, String> klaus = stored("klaus.schmidt@example.de");
        expect(klaus, "lastName", "Schmidt", "address.city", "München");
        expectPhone(klaus, "phone", "498912345678");
        expect(klaus, "otherEmails", "k.schmidt@example.com");
        Map<String, String> sofia = stored("sofia@example.it");
        expect(sofia, "address.city", "Napoli", "tags", "mycontacts");
        expect(sofia, "otherEmails", "work: s.ricci@example.com", "jobTitle", "Architetta");
        expect(stored("camille.moreau@example.fr"), "address.street", "10 quai du Port\n2e étage", "address.country",
                "FR");
        expect(stored("camille.moreau@example.fr"), "birthDate", "1979-09-12", "lastName", "Moreau");
        expect(stored("mei.chen@example.cn"), "address.street", "中关村大街1号\n5号楼", "address.country", "CN",
                "birthDate", "--04-23", "lastName", "陈");
    }

    @Test
    void anExplicitMappingOverridesTheLayoutPerColumn() throws Exception {
        String csv = "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Organization Name,Notes\n"
                + "Ada,Lovelace,Work,ada@example.org,Analytical Engines,Sees the notes column as a tag\n";
        Path file = fixture.file("explicit.csv", csv.getBytes(StandardCharsets.UTF_8));
        ImportSummary s = fixture.imports.importFile(file, new ImportOptions(ImportFormat.AUTO, (char) 0,
                Map.of("Notes", "tags"), 0), null, Actor.system());
        assertEquals(1, s.imported(), () -> read(s.reportFile()));
        Map<String, String> ada = stored("ada@example.org");
        expect(ada, "tags", "sees the notes column as a tag", "notes", "", "lastName", "Lovelace");
    }

    @Test
    void exportsInGoogleOutlookAndVcard3ImportBackWithTheSameValues() throws Exception {
        String people = """
                First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,\
                Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Street,Address 1 - City,\
                Address 1 - Postal Code,Address 1 - Country,Birthday,Notes,Labels
                Round,Trip,* Work,round.trip@example.org,,rt.home@example.org,Mobile,+48 601 999 888,Work,\
                +48 22 999 88 77,ul. Okrężna 3,Wrocław,50-001,PL,1991-06-30,"two
                lines",Partnerzy ::: VIP
                """;
        importFile("roundtrip.csv", people, "Google Contacts CSV");
        Contact original = fixture.contacts.findByEmail("round.trip@example.org", Actor.system()).orElseThrow();
        Map<String, String> before = stored("round.trip@example.org");
        before.remove("id");
        for (ExportLayout layout : List.of(ExportLayout.GOOGLE_CSV, ExportLayout.OUTLOOK_CSV, ExportLayout.VCARD_3,
                ExportLayout.VCARD_4)) {
            Contact current = fixture.contacts.findByEmail("round.trip@example.org", Actor.system()).orElseThrow();
            Path out = fixture.folder.resolve("export-" + layout + (layout.format() == ImportFormat.VCARD ? ".vcf"
                    : ".csv"));
            fixture.exports.export(new ExportRequest(null, null, List.of(current.id()), null, false, layout), out,
                    Actor.system());
            String text = Files.readString(out);
            if (layout == ExportLayout.VCARD_3) {
                assertTrue(text.contains("VERSION:3.0\r\n"), text);
                assertTrue(text.contains("EMAIL;TYPE=INTERNET"), text);
                assertTrue(text.contains("TEL;TYPE=CELL"), text);
                assertTrue(text.contains("BDAY:1991-06-30"), text);
                assertFalse(text.contains("PREF=1"), text);
            }
            if (layout == ExportLayout.GOOGLE_CSV) {
                assertTrue(text.startsWith("First Name,Middle Name,Last Name,"), text);
                assertTrue(text.contains("E-mail 1 - Value"), text);
            }
            if (layout == ExportLayout.OUTLOOK_CSV) {
                assertTrue(text.contains("E-mail Address") && text.contains("Business Street"), text);
            }
            // out of the recycle bin too: a contact there still holds its e-mail address
            fixture.contacts.delete(current.id(), Actor.system());
            fixture.retention.purgeRecycleBin(java.time.Instant.now().plusSeconds(5), false, Actor.system());
            ImportSummary back = fixture.imports.importFile(out, ImportOptions.defaults(), null, Actor.system());
            assertEquals(1, back.imported(), () -> layout + ": " + read(back.reportFile()) + "\n" + text);
            Map<String, String> after = stored("round.trip@example.org");
            after.remove("id");
            assertEquals(before, after, layout + " export:\n" + text);
        }
        assertFalse(original.id().equals(fixture.contacts.findByEmail("round.trip@example.org", Actor.system())
                .orElseThrow().id()), "the contact was imported again, not kept");
    }

    // ================================================================================================ helpers

    private static ImportSummary importFile(String name, String text, String layout) throws Exception {
        Path file = fixture.file(name, text.getBytes(StandardCharsets.UTF_8));
        ImportSummary s = fixture.imports.importFile(file, ImportOptions.defaults(), null, Actor.system());
        assertEquals(layout, s.layout(), name);
        assertEquals(ImportSummary.Status.COMPLETED, s.status());
        return s;
    }

    /** The stored values of the contact with this e-mail, by field name, from the Steward CSV export. */
    private static Map<String, String> stored(String email) throws Exception {
        Contact c = fixture.contacts.findByEmail(email, Actor.system()).orElseThrow(() -> new AssertionError(
                "not imported: " + email));
        Path out = fixture.folder.resolve("stored-" + c.id().value() + ".csv");
        fixture.exports.export(new ExportRequest(ImportFormat.CSV, null, List.<ContactId>of(c.id()), null, false),
                out, Actor.system());
        try (Reader r = Files.newBufferedReader(out); CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> records = p.getRecords();
            assertEquals(1, records.size());
            return new LinkedHashMap<>(records.get(0).toMap());
        }
    }

    private static void expect(Map<String, String> stored, String... fieldsAndValues) {
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            assertEquals(fieldsAndValues[i + 1], stored.get(fieldsAndValues[i]), fieldsAndValues[i] + " of " + stored);
        }
    }

    /** Phones by their digits: stored as written before the phone normalisation, in E.164 after it. */
    private static void expectPhone(Map<String, String> stored, String field, String digits) {
        String v = stored.get(field);
        assertEquals(digits, v == null ? null : v.replaceAll("\\D", ""), field + " of " + stored);
    }

    private static void expectOtherPhones(Map<String, String> stored, String line) {
        String v = stored.get("otherPhones");
        assertEquals(line.replaceAll("[^\\d:a-z]", ""), v == null ? null : v.replaceAll("[^\\d:a-z]", ""),
                "otherPhones of " + stored);
    }

    /** The name of the company the contact with this e-mail address is linked to. */
    private static String company(String email) {
        Contact c = fixture.contacts.findByEmail(email, Actor.system()).orElseThrow();
        assertTrue(c.companyId() != null && !c.companyId().isEmpty(), () -> email + " has no company");
        return fixture.companies.get(c.companyId(), Actor.system()).name();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
