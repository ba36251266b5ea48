package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditQuery;
import org.steward.audit.Outcome;
import org.steward.contacts.BlocklistOverride;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.ExportRequest;
import org.steward.contacts.ExportResult;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.LawfulBasis;
import org.steward.contacts.Lead;
import org.steward.contacts.PostalAddress;
import org.steward.contacts.PreviouslyErasedException;
import org.steward.contacts.PurposeBasis;
import org.steward.contacts.SourceType;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.ValidationException;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedFile;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.RetentionResult;
import org.steward.encryption.ErasureBlocklist;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ReauthenticationRequiredException;
import org.steward.testing.Osgi;

/** The contacts service, restriction, export, blocklist, duplicates, lawful bases, custom fields and erasure. */
class ContactsTest {

    private static final BundleContext CONTEXT = Osgi.context(ContactsTest.class);
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

    private static DataSource manual() {
        return DataSource.manual("tester", Instant.now());
    }

    private static Contact person(String first, String last, String email) {
        return person(first, last, email, null);
    }

    private static Contact person(String first, String last, String email, String owner) {
        ContactDraft draft = new ContactDraft(first, last, email, "+48 601 000 " + (100 + Math.abs(email.hashCode()
                % 800)), null, new PostalAddress("ul. Długa 1", "00-001", "Warszawa", "", "pl"),
                LocalDate.of(1980, 4, 23), "pl", "prefers phone calls", Map.of(), null, java.util.Set.of("vip"), owner);
        return fixture.contacts.create(draft, manual(), Actor.system());
    }

    @Test
    void createReadFindUpdate() {
        Contact c = person("Łucja", "Kamińska", "lucja@example.org");
        assertEquals("PL", c.address().country());
        assertEquals(c.id(), fixture.contacts.findByEmail("  LUCJA@example.org ", Actor.system()).orElseThrow().id());
        assertEquals(c.id(), fixture.contacts.byPerson(c.person(), Actor.system()).orElseThrow().id());
        assertEquals(List.of(c.id()), fixture.contacts.find("kam", 10, Actor.system()).stream().map(Contact::id)
                .toList());
        assertEquals(List.of(c.id()), fixture.contacts.find("Łucja Kamińska", 10, Actor.system()).stream()
                .map(Contact::id).toList());
        assertTrue(fixture.contacts.find("kax", 10, Actor.system()).isEmpty());
        Contact changed = fixture.contacts.update(c.id(), Map.of("address.city", "Gdańsk", "notes", ""),
                Actor.system());
        assertEquals("Gdańsk", changed.address().city());
        assertNull(changed.notes());
        ValidationException bad = assertThrows(ValidationException.class, () -> fixture.contacts.update(c.id(),
                Map.of("email", "no-address", "birthDate", "tomorrow"), Actor.system()));
        assertEquals(2, bad.violations().size());
        assertFalse(bad.getMessage().contains("no-address"));
    }

    @Test
    void restrictedPersonRefusesUpdateAndMarketingExportButRightsHandlingWorks() throws Exception {
        Contact c = person("Rita", "Restricta", "rita@example.org");
        Contact other = person("Otto", "Open", "otto@example.org");
        fixture.provider.restrict(c.person(), true, Actor.system());
        assertTrue(fixture.provider.isRestricted(c.person()));
        ProcessingRestrictedException refused = assertThrows(ProcessingRestrictedException.class,
                () -> fixture.contacts.update(c.id(), Map.of("firstName", "R."), Actor.system()));
        assertTrue(refused.getMessage().contains("restricted"));
        assertThrows(ProcessingRestrictedException.class, () -> fixture.exports.export(new ExportRequest(
                ImportFormat.CSV, "", List.of(c.id(), other.id()), List.of(), true),
                fixture.folder.resolve("m.csv"), Actor.system()));
        ExportResult r = fixture.exports.export(new ExportRequest(ImportFormat.CSV, "", List.of(), List.of(), true),
                fixture.folder.resolve("marketing.csv"), Actor.system());
        assertEquals(1, r.restrictedLeftOut());
        String csv = Files.readString(r.file());
        assertFalse(csv.contains("rita@example.org"));
        assertTrue(csv.contains("otto@example.org"));
        assertThrows(ProcessingRestrictedException.class, () -> fixture.duplicates.merge(other.id(), c.id(),
                Actor.system()));
        // storage and rights handling go on
        PersonalDataExport export = fixture.provider.export(c.person(), Actor.system());
        assertEquals("rita@example.org", export.records().get(0).fields().get("email"));
        assertEquals(1, fixture.provider.rectify(c.person(), Map.of("lastName", "Restricted"), Actor.system()));
        fixture.provider.restrict(c.person(), false, Actor.system());
        assertEquals("R.", fixture.contacts.update(c.id(), Map.of("firstName", "R."), Actor.system()).firstName());
    }

    @Test
    void aRefusedOperationOnARestrictedPersonWritesADeniedAuditEntry() throws Exception {
        Contact c = person("Dora", "Denied", "dora@example.org");
        Lead lead = fixture.leads.create("Dora", "Denied", "dora.lead@example.org", null, manual(), Actor.system());
        fixture.provider.restrict(c.person(), true, Actor.system());
        fixture.provider.restrict(lead.person(), true, Actor.system());
        // the lock is one row per person in the module's restriction table, not a flag on each record
        assertEquals(1, fixture.count("SELECT COUNT(*) FROM CONTACTS_RESTRICTION WHERE PERSON_ID = ?",
                c.person().toString()));

        assertThrows(ProcessingRestrictedException.class, () -> fixture.contacts.delete(c.id(), Actor.system()));
        assertThrows(ProcessingRestrictedException.class, () -> fixture.leads.touch(lead.id(), Actor.system()));
        for (String[] refused : List.of(new String[] { c.id().value(), "contact.delete" },
                new String[] { lead.id(), "lead.activity" })) {
            List<AuditEntry> denied = fixture.audit.query(AuditQuery.builder().target(Contacts.MODULE, null,
                    refused[0]).limit(1000).build()).entries().stream()
                    .filter(e -> e.event().outcome() == Outcome.DENIED).toList();
            assertEquals(1, denied.size(), refused[1]);
            assertEquals(refused[1], denied.get(0).event().action());
            assertTrue(denied.get(0).event().person().isPresent());
        }
        assertEquals(c.id(), fixture.contacts.get(c.id(), Actor.system()).id(), "the refused deletion changed nothing");
        // a restricted person's records stay through retention, as storage goes on
        assertFalse(fixture.retention.expire("leads-inactive", Instant.now().plusSeconds(5), true, Actor.system())
                .recordIds().contains(lead.id()));
        fixture.provider.restrict(c.person(), false, Actor.system());
        assertFalse(fixture.provider.isRestricted(c.person()));
        assertTrue(fixture.provider.isRestricted(lead.person()));
        // erasure goes on while restricted, and leaves no lock behind
        assertEquals(1, fixture.provider.erase(lead.person(), Actor.system()).deleted());
        assertFalse(fixture.provider.isRestricted(lead.person()));
    }

    @Test
    void theExportOfAPersonCarriesTheirVcard() throws Exception {
        Contact c = person("Vera", "Vcard", "vera@example.org");
        PersonalDataExport export = fixture.provider.export(c.person(), Actor.system());
        assertEquals(1, export.files().size());
        ExportedFile file = export.files().get(0);
        assertEquals("contact.vcf", file.name());
        assertEquals("text/vcard", file.mediaType());
        String vcard = new String(file.content(), StandardCharsets.UTF_8);
        assertTrue(vcard.startsWith("BEGIN:VCARD") && vcard.contains("EMAIL:vera@example.org")
                && vcard.contains("Vcard;Vera") && vcard.contains("BDAY:1980-04-23") && vcard.contains("Warszawa"),
                vcard);
        assertTrue(vcard.contains("UID:urn:uuid:" + c.id().value()), vcard);
        assertTrue(fixture.provider.describe().categories().stream().allMatch(d -> !d.dataSubjects().isEmpty()));
        assertTrue(fixture.provider.describe().categories().get(0).dataSubjects().contains("customers"));
        fixture.provider.erase(c.person(), Actor.system());
        assertTrue(fixture.provider.export(c.person(), Actor.system()).files().isEmpty());
    }

    @Test
    void exportLeavesOutHiddenFieldsAndSensitiveFieldsNeedReauthentication() throws Exception {
        Actor sales = fixture.user("sales-exporter", DefaultProfiles.SALES);
        Contact c = person("Ewa", "Eksport", "ewa@example.org", "sales-exporter");
        ExportResult r = fixture.exports.export(new ExportRequest(ImportFormat.CSV, "ewa@example.org", List.of(),
                List.of(), false), fixture.folder.resolve("sales.csv"), sales);
        assertEquals(1, r.exported());
        assertTrue(r.fieldsLeftOut().contains("birthDate"));
        assertTrue(r.fieldsLeftOut().contains("notes"));
        String header = Files.readAllLines(r.file()).get(0);
        assertTrue(header.contains("email") && !header.contains("birthDate") && !header.contains("notes"), header);
        assertFalse(Files.readString(r.file()).contains("1980-04-23"));

        Actor officer = fixture.user("officer-1", DefaultProfiles.PRIVACY_OFFICER);
        ExportRequest sensitive = new ExportRequest(ImportFormat.VCARD, "", List.of(c.id()), List.of("firstName",
                "lastName", "birthDate"), false);
        ReauthenticationRequiredException reauth = assertThrows(ReauthenticationRequiredException.class,
                () -> fixture.exports.export(sensitive, fixture.folder.resolve("o.vcf"), officer));
        assertEquals(List.of("birthDate"), reauth.fields());
        ExportResult fresh = fixture.exports.export(sensitive, fixture.folder.resolve("o.vcf"),
                officer.authenticatedAt(Instant.now()));
        String vcf = Files.readString(fresh.file());
        assertTrue(vcf.contains("BDAY:1980-04-23") || vcf.contains("BDAY:19800423"), vcf);
        assertFalse(vcf.contains("ewa@example.org"));
        assertFalse(fixture.auditEntries("contacts.export").isEmpty());
        assertTrue(fixture.auditEntries("contacts.export").stream().anyMatch(e -> e.event().fields()
                .contains("birthDate") && e.event().actor().userId().equals("officer-1")));
        // a hidden field cannot be read either
        Contact seen = fixture.contacts.get(c.id(), sales);
        assertNull(seen.birthDate());
        assertTrue(seen.hiddenFields().contains("notes"));
    }

    @Test
    void personErasedBeforeIsFlaggedAndTheOverrideIsAudited() throws Exception {
        blocklist.add(org.steward.core.PersonId.random(), List.of(fixture.blindIndex.email("gone@example.org")),
                "rq-7");
        ContactDraft draft = ContactDraft.of("Gina", "Gone", "gone@example.org");
        assertThrows(PreviouslyErasedException.class, () -> fixture.contacts.create(draft, manual(), Actor.system()));
        assertThrows(ValidationException.class, () -> new BlocklistOverride(" "));
        String reason = "Gina Gone called from +48 601 234 567 and asked to be registered again";
        Contact c = fixture.contacts.create(draft, manual(), new BlocklistOverride(reason), Actor.system());
        List<AuditEntry> overrides = fixture.auditEntries("contacts.blocklist.override").stream()
                .filter(e -> e.event().targetId().equals(c.id().value())).toList();
        assertEquals(1, overrides.size());
        assertEquals(c.person(), overrides.get(0).event().person().orElseThrow());
        // the reason is free text a user typed: kept encrypted with the contact, never in the audit trail
        List<AuditEntry> aboutIt = fixture.audit.query(AuditQuery.builder().target(Contacts.MODULE, null,
                c.id().value()).limit(1000).build()).entries();
        assertTrue(aboutIt.size() >= 2, "create and override");
        assertTrue(aboutIt.stream().noneMatch(e -> e.event().details().contains("601 234 567")
                || e.event().details().contains("registered again")));
        assertEquals(1, fixture.count("SELECT COUNT(*) FROM CONTACTS_BLOCKLIST_OVERRIDE WHERE CONTACT_ID = ?",
                c.id().value()));
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM CONTACTS_BLOCKLIST_OVERRIDE WHERE REASON LIKE ?",
                "%registered%"));
        Map<String, Object> exported = fixture.provider.export(c.person(), Actor.system()).records().stream()
                .filter(r -> r.category().equals("erasure blocklist overrides")).findFirst().orElseThrow().fields();
        assertEquals(c.id().value(), exported.get("contact"));
        assertEquals(reason, exported.get("reason"));
        assertEquals(Actor.system().userId(), exported.get("decidedBy"));

        // merged into another contact, which may take the overridden e-mail: the decision goes with the survivor
        Contact survivor = fixture.contacts.create(ContactDraft.of("Gina", "Gone-Nowak", "gina.nowak@example.org"),
                manual(), Actor.system());
        fixture.duplicates.merge(survivor.id(), c.id(), Actor.system());
        Map<String, Object> moved = fixture.provider.export(survivor.person(), Actor.system()).records().stream()
                .filter(r -> r.category().equals("erasure blocklist overrides")).findFirst().orElseThrow().fields();
        assertEquals(survivor.id().value(), moved.get("contact"));
        assertEquals(reason, moved.get("reason"));

        fixture.provider.erase(c.person(), Actor.system());
        fixture.provider.erase(survivor.person(), Actor.system());
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM CONTACTS_BLOCKLIST_OVERRIDE WHERE CONTACT_ID IN (?, ?)",
                c.id().value(), survivor.id().value()));
        assertThrows(PreviouslyErasedException.class, () -> fixture.leads.create("Gina", "Gone", "GONE@example.org",
                null, manual(), Actor.system()));
    }

    @Test
    void duplicatesOnEmailAndPhoneAndMergeKeepsSources() {
        Contact a = fixture.contacts.create(new ContactDraft("Piotr", "Zieliński", "piotr@example.org",
                "+48 602 111 222", null, null, null, null, null, null, null, null, null), manual(), Actor.system());
        Contact b = fixture.contacts.create(new ContactDraft("P.", "Zielinski", null, "0048602111222", null,
                new PostalAddress("", "", "Łódź", "", ""), null, null, null, null, null, java.util.Set.of("fair"), null),
                DataSource.webForm("newsletter", "203.0.113.9", "Mozilla/5.0", Instant.now()), Actor.system());
        assertEquals(List.of(b.id()), fixture.duplicates.duplicatesOf(a.id(), Actor.system()));
        fixture.contacts.setLawfulBasis(b.id(), new PurposeBasis("newsletter", LawfulBasis.CONSENT, "",
                LocalDate.now()), Actor.system());
        Contact merged = fixture.duplicates.merge(a.id(), b.id(), Actor.system());
        assertEquals("Łódź", merged.address().city());
        assertEquals("Piotr", merged.firstName());
        assertEquals(List.of(SourceType.MANUAL, SourceType.WEB_FORM), merged.sources().stream()
                .map(DataSource::type).toList());
        assertEquals("203.0.113.9", merged.sources().get(1).details().get("ip"));
        assertTrue(merged.tags().contains("fair"));
        assertEquals("newsletter", merged.lawfulBases().get(0).purpose());
        assertTrue(fixture.duplicates.duplicatesOf(a.id(), Actor.system()).isEmpty());
        assertThrows(org.steward.core.NotFoundException.class, () -> fixture.contacts.get(b.id(), Actor.system()));
    }

    @Test
    void legitimateInterestsNeedAJustification() {
        Contact c = person("Lea", "Legit", "lea@example.org");
        ValidationException e = assertThrows(ValidationException.class, () -> fixture.contacts.setLawfulBasis(c.id(),
                new PurposeBasis("marketing-email", LawfulBasis.LEGITIMATE_INTERESTS, " ", LocalDate.now()),
                Actor.system()));
        assertEquals("justification", e.field());
        Contact ok = fixture.contacts.setLawfulBasis(c.id(), new PurposeBasis("marketing-email",
                LawfulBasis.LEGITIMATE_INTERESTS, "existing customer, similar products (balancing test 2025-01)",
                LocalDate.of(2025, 1, 10)), Actor.system());
        assertEquals(LocalDate.of(2025, 1, 10), ok.lawfulBases().get(0).lastReviewed());
    }

    @Test
    void customFieldsAreClassifiedAndEncryptedWhenPersonal() throws Exception {
        fixture.catalogue.define("loyaltyLevel", "Loyalty level", DataClassification.NOT_PERSONAL, 20,
                Actor.system());
        Contact c = fixture.contacts.create(new ContactDraft("Carl", "Custom", "carl@example.org", null, null, null,
                null, null, null, Map.of("custom.loyaltyLevel", "gold-plus"), null, null, "sales-custom"), manual(),
                Actor.system());
        String stored = "SELECT FIELD_VALUE FROM CONTACTS_CUSTOM_VALUE WHERE CONTACT_ID = ?";
        assertEquals("gold-plus", fixture.string(stored, c.id().value()));
        fixture.catalogue.classify("custom.loyaltyLevel", DataClassification.SENSITIVE, Actor.system());
        assertNotEquals("gold-plus", fixture.string(stored, c.id().value()));
        assertEquals("gold-plus", fixture.contacts.get(c.id(), Actor.system()).customFields()
                .get("custom.loyaltyLevel"));
        Actor sales = fixture.user("sales-custom", DefaultProfiles.SALES);
        assertTrue(fixture.contacts.get(c.id(), sales).hiddenFields().contains("custom.loyaltyLevel"));
        assertThrows(ValidationException.class, () -> fixture.catalogue.classify("email",
                DataClassification.SENSITIVE, Actor.system()));
        assertFalse(fixture.auditEntries("contacts.field.classify").isEmpty());
        assertThrows(org.steward.core.AccessDeniedException.class, () -> fixture.catalogue.define("x",
                "X", DataClassification.PERSONAL, 10, sales));
    }

    @Test
    void leadConversionAndRetention() {
        Lead lead = fixture.leads.create("Leon", "Lead", "leon@example.org", "ACME", DataSource.api("crm-sync",
                Instant.now()), Actor.system());
        Contact contact = fixture.leads.convert(lead.id(), Actor.system());
        assertEquals(lead.person(), contact.person());
        assertEquals(SourceType.API, contact.sources().get(0).type());
        Lead stale = fixture.leads.create("Stan", "Stale", "stan@example.org", null, manual(), Actor.system());
        RetentionResult dry = fixture.retention.expire("leads-inactive", Instant.now().plusSeconds(5), true,
                Actor.system());
        assertEquals(List.of(stale.id()), dry.recordIds());
        fixture.retention.expire("leads-inactive", Instant.now().plusSeconds(5), false, Actor.system());
        assertThrows(org.steward.core.NotFoundException.class, () -> fixture.leads.get(stale.id(), Actor.system()));
        RetentionResult purged = fixture.retention.purgeRecycleBin(Instant.now().plusSeconds(5), false,
                Actor.system());
        assertTrue(purged.recordIds().contains(stale.id()));
    }

    @Test
    void erasureDeletesEveryRowAndLeavesNoPlaintextInTheDatabaseFolder() throws Exception {
        String email = "ximena.quetzal@example.org";
        Contact c = person("Ximena", "Quetzalcoatl", email);
        fixture.contacts.setLawfulBasis(c.id(), new PurposeBasis("service", LawfulBasis.CONTRACT, "",
                LocalDate.now()), Actor.system());
        PersonalDataExport export = fixture.provider.export(c.person(), Actor.system());
        assertEquals("Quetzalcoatl", export.records().get(0).fields().get("lastName"));
        assertTrue(export.records().get(0).fields().containsKey("lawfulBases[service]"));
        assertTrue(export.records().get(0).fields().containsKey("sources[0]"));
        ErasureOutcome outcome = fixture.provider.erase(c.person(), Actor.system());
        assertEquals(1, outcome.deleted());
        assertEquals(0, fixture.provider.erase(c.person(), Actor.system()).deleted());
        assertTrue(fixture.provider.export(c.person(), Actor.system()).isEmpty());
        assertTrue(blocklist.contains(c.person()));
        assertThrows(PreviouslyErasedException.class, () -> fixture.contacts.create(ContactDraft.of("X", "Q", email),
                manual(), Actor.system()));
        try (Connection conn = fixture.connection(); Statement s = conn.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
        }
        for (String needle : List.of(email, "Quetzalcoatl", "Ximena")) {
            byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(fixture.databaseFolder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(contains(Files.readAllBytes(file), bytes), needle + " found in " + file);
                }
            }
        }
        assertFalse(fixture.auditEntries("contact.erase").isEmpty());
        assertTrue(fixture.audit.query(org.steward.audit.AuditQuery.builder().person(c.person()).limit(1000).build())
                .entries().stream().noneMatch(e -> e.event().details().contains("Quetzal")));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

}
