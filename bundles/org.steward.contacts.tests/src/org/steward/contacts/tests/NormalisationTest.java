package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.DataSource;
import org.steward.contacts.DateOrder;
import org.steward.contacts.FieldDefinition;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.contacts.PostalAddress;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.PersonalDataExport;
import org.steward.testing.Osgi;

/**
 * Real-world values normalised instead of rejected: countries by name or code, phone numbers read with libphonenumber,
 * dates in the forms address books write, the new stored fields; manual changes normalise the same way but refuse
 * what cannot be used.
 */
class NormalisationTest {

    private static final BundleContext CONTEXT = Osgi.context(NormalisationTest.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static ContactsFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ContactsFixture.fresh(CONTEXT);
    }

    @AfterAll
    static void stop() throws Exception {
        ContactsFixture.reset(CONTEXT);
    }

    private static Contact create(PostalAddress address, String phone) {
        int n = SEQUENCE.incrementAndGet();
        return fixture.contacts.create(new ContactDraft("Test", "Person" + n, "person" + n + "@example.org", phone,
                null, address, null, null, null, null, null, null, null), DataSource.manual("tester", Instant.now()),
                Actor.system());
    }

    private static PostalAddress country(String country) {
        return new PostalAddress("", "", "", "", country);
    }

    @Test
    void countriesByNameInSixLanguagesByAlpha3AndInCommonFormsAreStoredAsTheirIsoCode() {
        Map<String, String> written = new java.util.LinkedHashMap<>();
        for (String us : List.of("United States of America", "United States", "USA", "U.S.A.", "usa", "US",
                "Stany Zjednoczone", "Stati Uniti", "États-Unis", "ETATS UNIS", "美国", "Vereinigte Staaten")) {
            written.put(us, "US");
        }
        for (String gb : List.of("UK", "Great Britain", "United Kingdom", "Wielka Brytania", "Regno Unito",
                "Royaume-Uni", "英国", "Vereinigtes Königreich", "GBR")) {
            written.put(gb, "GB");
        }
        written.putAll(Map.of("Polska", "PL", "Poland", "PL", "POL", "PL", "Pologne", "PL", "波兰", "PL", "pl", "PL"));
        written.putAll(Map.of("Italia", "IT", "Włochy", "IT", "wlochy", "IT", "Italie", "IT", "意大利", "IT",
                "ITA", "IT", "Italien", "IT"));
        written.putAll(Map.of("Francia", "FR", "Francja", "FR", "france", "FR", "FRA", "FR", "法国", "FR",
                "Frankreich", "FR"));
        written.putAll(Map.of("中国", "CN", "China", "CN", "Chiny", "CN", "Cina", "CN", "Chine", "CN", "CHN", "CN"));
        written.putAll(Map.of("Deutschland", "DE", "Niemcy", "DE", "Germania", "DE", "Allemagne", "DE", "德国",
                "DE", "Germany", "DE", "deu", "DE"));
        written.putAll(Map.of("España", "ES", "Espana", "ES", "Côte d’Ivoire", "CI", "Cote d'Ivoire", "CI"));
        for (Map.Entry<String, String> e : written.entrySet()) {
            assertEquals(e.getValue(), create(country(e.getKey()), null).address().country(), e.getKey());
        }
    }

    @Test
    void manualChangesNormaliseButRefuseWhatCannotBeUsedNamingTheField() {
        Contact polish = create(new PostalAddress("ul. Długa 5\r\n\tlok. 3\r\n", "00-001", "Warszawa", "", "Polska"),
                "601 234 567");
        assertEquals("PL", polish.address().country());
        assertEquals("+48601234567", polish.phone());
        assertEquals("ul. Długa 5\nlok. 3", polish.address().street(), "lines kept, tab and blank line gone");

        ValidationException atlantis = assertThrows(ValidationException.class,
                () -> create(country("Atlantis"), null));
        assertEquals(List.of("address.country"), atlantis.violations().stream().map(Violation::field).toList());
        assertFalse(atlantis.getMessage().contains("Atlantis"), atlantis.getMessage());

        ValidationException bad = assertThrows(ValidationException.class, () -> fixture.contacts.update(polish.id(),
                Map.of("phone", "call me", "birthDate", "3/4/1980", "address.street", "a\u0000b"), Actor.system()));
        assertEquals(List.of("address.street", "birthDate", "phone"), bad.violations().stream().map(Violation::field)
                .sorted().toList());
        assertTrue(bad.violations().stream().anyMatch(v -> v.reason().contains("ambiguous")), bad.getMessage());

        // an update reads a national number in the contact's country, unless the change names another
        Contact french = create(country("Francja"), "06 98 76 54 32");
        assertEquals("+33698765432", french.phone());
        // the stored E.164 form and the typed forms meet in the blind index
        for (String typed : List.of("+33 6 98 76 54 32", "0033698765432", "+33 (0)6 98 76 54 32")) {
            assertEquals(List.of(french.id()), fixture.contacts.find(typed, 5, Actor.system()).stream()
                    .map(Contact::id).toList(), typed);
        }
        assertEquals("+33123456789;ext=12", fixture.contacts.update(french.id(), Map.of("mobile",
                "01 23 45 67 89 ext. 12"), Actor.system()).mobile());
        assertEquals("+390612345678", fixture.contacts.update(french.id(), Map.of("address.country", "Italia",
                "phone", "06 1234 5678"), Actor.system()).phone());
    }

    @Test
    void aYearLessBirthdayAndTheNewFieldsAreStoredReturnedAndExported() {
        ContactDraft draft = new ContactDraft("Li", "Wei", "li.wei@example.org", "+86 10 1234 5678", null,
                country("中国"), null, "zh", null, null, null, null, null, "--12-24", "Chief engineer",
                "work: li.wei@work.example\nold@example.org", "work: 010 8765 4321\n+86 139 1234 5678",
                "home: 1 Chang'an Avenue, 100000 Beijing, , CN");
        Contact created = fixture.contacts.create(draft, DataSource.manual("tester", Instant.now()), Actor.system());
        Contact read = fixture.contacts.get(created.id(), Actor.system());
        assertEquals("--12-24", read.birthday());
        assertNull(read.birthDate(), "no year, no LocalDate");
        assertEquals("Chief engineer", read.jobTitle());
        assertEquals("work: li.wei@work.example\nold@example.org", read.otherEmails());
        assertEquals("work: +861087654321\n+8613912345678", read.otherPhones(), "read in the contact's country");
        assertEquals("home: 1 Chang'an Avenue, 100000 Beijing, , CN", read.otherAddresses());
        assertEquals("+861012345678", read.phone());

        PersonalDataExport export = fixture.provider.export(read.person(), Actor.system());
        ExportedRecord record = export.records().stream().filter(r -> r.type().equals("contact")).findFirst()
                .orElseThrow();
        assertEquals("--12-24", record.fields().get("birthDate"));
        assertEquals("Chief engineer", record.fields().get("jobTitle"));
        assertEquals("work: +861087654321\n+8613912345678", record.fields().get("otherPhones"));
        assertEquals(read.otherEmails(), record.fields().get("otherEmails"));
        assertEquals(read.otherAddresses(), record.fields().get("otherAddresses"));

        // the catalogue names them, personal data like the other contact details
        Map<String, FieldDefinition> fields = new java.util.HashMap<>();
        fixture.catalogue.fields().forEach(f -> fields.put(f.name(), f));
        for (String name : List.of("jobTitle", "otherEmails", "otherPhones", "otherAddresses")) {
            assertEquals(DataClassification.PERSONAL, fields.get(name).classification(), name);
        }
        // a full date still fills both, and the draft of API 1.1 keeps working
        Contact dated = fixture.contacts.create(new ContactDraft("Old", "Draft", "old.draft@example.org", null, null,
                null, LocalDate.of(1980, 4, 23), null, null, null, null, null, null), DataSource.manual("tester",
                        Instant.now()), Actor.system());
        assertEquals(LocalDate.of(1980, 4, 23), dated.birthDate());
        assertEquals("1980-04-23", dated.birthday());
        // a bad line among other values is refused by hand, naming the field
        ValidationException bad = assertThrows(ValidationException.class, () -> fixture.contacts.update(dated.id(),
                Map.of("otherEmails", "fine@example.org\nnot an address"), Actor.system()));
        assertEquals("otherEmails", bad.violations().get(0).field());
    }

    @Test
    void anImportNormalisesPhonesDatesAndCountriesAndLeavesOutOnlyTheUnusableOptionalValues() throws Exception {
        String csv = "firstName,lastName,email,phone,mobile,address.country,birthDate,address.city,jobTitle,"
                + "otherPhones,address.street\r\n"
                + "Claire,Dubois,claire@example.org,01 23 45 67 89,06 12 34 56 78,France,19800423,Paris,"
                + "Directrice,\"work: 01 23 45 67 80\r\nfax: n/a\",\"12 rue de la Paix\r\nBâtiment B\"\r\n"
                + "Jan,Kowalski,jan@example.org,22 123 45 67 ext. 123,601 234 567,,--04-23,,,,\r\n"
                + "Joe,Flowers,joe@example.org,1-800-FLOWERS x12,(202) 555-0143,U.S.A.,3/14/1980,,,,\r\n"
                + "Anna,Nowak,anna@example.org,call me,12,Atlantis,3/4/1980," + "x".repeat(101) + ",,,\r\n"
                + "Hans,Müller,hans@example.org,030 123456,,Deutschland,14.03.1980,,,,\r\n"
                + "Wei,Li,wei@example.org,010 1234 5678,,中国,2099-01-01,,,,\r\n"
                + "Old,Timer,old@example.org,,,,1870-05-01,,,,\r\n"
                + "Two,Digits,two@example.org,,,,3/14/85,,,,\r\n"
                + "Two,Ambiguous,two.ambiguous@example.org,,,,3/4/05,,,,\r\n"
                + "Basic,Yearless,basic@example.org,,,,--0423,,,,\r\n"
                + ",,,601 234 567,,PL,,,,,\r\n"
                + "Bad,Email,not-an-email,601 234 567,,PL,,,,,\r\n";
        Path file = fixture.file("real-world.csv", csv.getBytes(StandardCharsets.UTF_8));
        ImportSummary summary = fixture.imports.importFile(file, ImportOptions.defaults(), null, Actor.system());
        assertEquals(12, summary.records());
        assertEquals(10, summary.imported(), () -> read(summary.reportFile()));
        String report = read(summary.reportFile());
        assertTrue(report.contains("lastName: a name or an e-mail address is required"), report);
        assertTrue(report.contains("email: is not an e-mail address"), report);
        assertFalse(report.contains("not-an-email") || report.contains("601"), "the report holds a value");

        Contact claire = byEmail("claire@example.org");
        assertEquals("+33123456789", claire.phone(), "national, read in the row's country");
        assertEquals("+33612345678", claire.mobile());
        assertEquals("FR", claire.address().country());
        assertEquals(LocalDate.of(1980, 4, 23), claire.birthDate());
        assertEquals("Directrice", claire.jobTitle());
        assertEquals("work: +33123456780", claire.otherPhones(), "the unusable line left out, the other kept");
        assertEquals("12 rue de la Paix\nBâtiment B", claire.address().street(), "a multi-line street is kept");

        Contact jan = byEmail("jan@example.org");
        assertEquals("+48221234567;ext=123", jan.phone(), "the configured default region (+48), the extension");
        assertEquals("+48601234567", jan.mobile());
        assertEquals("--04-23", jan.birthday());
        assertNull(jan.birthDate());

        Contact joe = byEmail("joe@example.org");
        assertEquals("+18003569377;ext=12", joe.phone(), "letters to digits, extension kept");
        assertEquals("+12025550143", joe.mobile());
        assertEquals("US", joe.address().country());
        assertEquals(LocalDate.of(1980, 3, 14), joe.birthDate(), "14 cannot be a month");

        Contact anna = byEmail("anna@example.org");
        assertNull(anna.phone(), "unusable: left out");
        assertNull(anna.mobile(), "too short: left out");
        assertEquals("", anna.address().country(), "no such country: left out");
        assertNull(anna.birthDate(), "3/4/1980 is ambiguous without a date order");
        assertEquals("", anna.address().city(), "over-long: left out");
        assertEquals("Anna", anna.firstName(), "the person is imported all the same");

        Contact hans = byEmail("hans@example.org");
        assertEquals("+4930123456", hans.phone());
        assertEquals(LocalDate.of(1980, 3, 14), hans.birthDate());
        Contact wei = byEmail("wei@example.org");
        assertEquals("CN", wei.address().country());
        assertEquals("+861012345678", wei.phone());
        assertNull(wei.birthday(), "a birth date in the future is left out");
        assertNull(byEmail("old@example.org").birthday(), "before 1880: left out");
        assertEquals(LocalDate.of(1985, 3, 14), byEmail("two@example.org").birthDate(), "2085 lies ahead");
        assertNull(byEmail("two.ambiguous@example.org").birthday(), "1905 or 2005");
        assertEquals("--04-23", byEmail("basic@example.org").birthday());
    }

    @Test
    void theDateOrderAndTheDefaultRegionOfTheImportAreRead() throws Exception {
        String csv = "firstName,lastName,email,phone,birthDate\r\n"
                + "Giulia,Bianchi,giulia@example.org,06 1234 5678,3/4/1980\r\n"
                + "Marco,Rossi,marco@example.org,+48 600 100 200,4/3/1980\r\n";
        Path file = fixture.file("italian.csv", csv.getBytes(StandardCharsets.UTF_8));
        ImportSummary summary = fixture.imports.importFile(file, new ImportOptions(ImportFormat.CSV, ',', Map.of(),
                100, "Italia", DateOrder.DAY_MONTH_YEAR, false), null, Actor.system());
        assertEquals(2, summary.imported(), () -> read(summary.reportFile()));
        Contact giulia = byEmail("giulia@example.org");
        assertEquals("+390612345678", giulia.phone(), "national, read in the default region of the import");
        assertEquals(LocalDate.of(1980, 4, 3), giulia.birthDate(), "day first, as the import said");
        Contact marco = byEmail("marco@example.org");
        assertEquals("+48600100200", marco.phone(), "an international number stays in its country");
        assertEquals(LocalDate.of(1980, 3, 4), marco.birthDate());

        Path other = fixture.file("us.csv", "firstName,email,birthDate\r\nAmy,amy@example.org,3/4/1980\r\n"
                .getBytes(StandardCharsets.UTF_8));
        fixture.imports.importFile(other, new ImportOptions(ImportFormat.CSV, ',', Map.of(), 100, "US",
                DateOrder.MONTH_DAY_YEAR, false), null, Actor.system());
        assertEquals(LocalDate.of(1980, 3, 4), byEmail("amy@example.org").birthDate(), "month first");

        ValidationException region = assertThrows(ValidationException.class, () -> fixture.imports.importFile(
                other, new ImportOptions(ImportFormat.CSV, ',', Map.of(), 100, "Atlantis", null, false), null,
                Actor.system()));
        assertEquals("defaultRegion", region.violations().get(0).field());
    }

    private static Contact byEmail(String email) {
        return fixture.contacts.findByEmail(email, Actor.system()).orElseThrow(() -> new AssertionError(email));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
