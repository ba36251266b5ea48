package org.steward.rights.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.AccessDeniedException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.spi.ExportedFile;
import org.steward.rights.ExportReport;
import org.steward.rights.RequestType;
import org.steward.rights.RequestRegister;
import org.steward.rights.RightsRequest;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One export covers every registered provider (partner modules registered by this test bundle, and whichever real
 * modules run), the audit trail and the person's requests; it validates against its JSON Schema and holds every
 * planted value, in JSON, CSV and the readable summary; a file a module hands over in its own format (a vCard) lands
 * in the module's folder of the package, byte for byte, and is listed in data.json and the summaries.
 */
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BundleContext context = Osgi.context(ExportTest.class);
    private final List<MemoryProvider> providers = new ArrayList<>();

    @AfterEach
    void unregister() {
        providers.forEach(MemoryProvider::close);
    }

    private MemoryProvider provider(String module, String type, String category, List<String> fields,
            String purpose, String basis, String recipient, String retention) {
        MemoryProvider p = new MemoryProvider(module, type,
                MemoryProvider.category(category, fields, purpose, basis, recipient, retention)).register(context);
        providers.add(p);
        return p;
    }

    @Test
    void theExportValidatesAgainstItsSchemaAndHoldsEveryPlantedValue() throws Exception {
        SubjectRights rights = Osgi.service(context, SubjectRights.class);
        RequestRegister register = Osgi.service(context, RequestRegister.class);
        PersonId person = PersonId.random();
        MemoryProvider crm = provider("test-crm", "contact", "contact details",
                List.of("firstName", "lastName", "email", "phone", "address.city", "birthDate", "vip"),
                "customer relationship", "contract (Art. 6(1)(b))", "Mailer Ltd (processor)",
                "3 years after the last contact");
        MemoryProvider helpdesk = provider("test-helpdesk", "ticket", "support conversations",
                List.of("subject", "body", "tags"), "support", "legitimate interests (Art. 6(1)(f))", null,
                "2 years after closing");
        String first = Fixture.unique("Ottilie");
        String last = Fixture.unique("Brandtner");
        String email = Fixture.unique("ottilie.") + "@example.org";
        String phone = "+48 " + Fixture.digits(9);
        String city = Fixture.unique("Wroclaw");
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("firstName", first);
        contact.put("lastName", last);
        contact.put("email", email);
        contact.put("phone", phone);
        contact.put("address", Map.of("city", city));
        contact.put("birthDate", "1984-07-14");
        contact.put("vip", true);
        crm.plant(person, contact, "web form 'newsletter'");
        // the module's own card, as the contacts module hands over its vCard: rights writes it into the package as is
        String vcard = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:" + first + " " + last + "\r\nN:" + last + ";" + first
                + ";;;\r\nEMAIL:" + email + "\r\nTEL;TYPE=voice;VALUE=text:" + phone + "\r\nADR:;;;" + city
                + ";;;\r\nBDAY:19840714\r\nEND:VCARD\r\n";
        crm.attach(person, new ExportedFile("contact.vcf", "text/vcard", vcard.getBytes(StandardCharsets.UTF_8)));
        String subject1 = Fixture.unique("Printer broken ");
        String subject2 = Fixture.unique("Invoice question ");
        String body = Fixture.unique("Hello, my order ") + " \"quoted\", with comma";
        String tag = Fixture.unique("tag-");
        helpdesk.plant(person, Map.of("subject", subject1, "body", body, "tags", List.of(tag, "urgent")),
                "e-mail to support");
        helpdesk.plant(person, Map.of("subject", subject2, "body", "second", "tags", List.of()), "e-mail to support");
        helpdesk.plant(PersonId.random(), Map.of("subject", "someone else's", "body", "x", "tags", List.of()), "x");

        AuditLog audit = Osgi.service(context, AuditLog.class);
        for (int i = 0; i < 3; i++) {
            audit.append(AuditEvent.builder(Fixture.officer(), "contact.read").target("test-crm", "contact", "c" + i)
                    .person(person).fields("email").build());
        }
        RightsRequest request = register.register(RequestType.ACCESS, person, null, "letter", Fixture.officer());

        Path file = TempFolders.create("export").resolve("package.zip");
        ExportReport report = rights.export(person, file, Optional.of(request.id()), Fixture.officer());
        assertEquals(file, report.file());
        assertTrue(Files.size(file) > 0 && report.bytes() == Files.size(file));
        assertEquals(1, report.recordsPerModule().get("test-crm"));
        assertEquals(2, report.recordsPerModule().get("test-helpdesk"), "another person's ticket is not exported");
        assertTrue(report.recordsPerModule().get("audit") >= 4,
                "three reads, the registration of the request, and what the modules audited for this export");
        assertEquals(1, report.recordsPerModule().get("rights"));

        Map<String, String> zip = Fixture.unzip(file);
        assertTrue(zip.keySet().containsAll(List.of("data.json", "schema.json", "summary.txt", "summary.html",
                "test-crm/contact.vcf", "csv/test-crm/contact-details.csv", "csv/test-helpdesk/support-conversations.csv",
                "csv/audit/audit-trail.csv", "csv/rights/rights-requests.csv")), zip.keySet().toString());

        JsonNode data = JSON.readTree(zip.get("data.json"));
        JsonNode schema = JSON.readTree(zip.get("schema.json"));
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        List<String> errors = SchemaCheck.validate(zip.get("schema.json"), data);
        assertEquals(List.of(), errors, "data.json is valid against schema.json (networknt, draft 2020-12)");
        assertEquals(person.toString(), data.get("person").asText());
        assertEquals(request.id().value(), data.get("request").asText());

        // the schema is not a formality: a record without an id, a nested object as a value, an unknown top-level
        // member and a wrong version are each refused, and the validator says where
        String text = zip.get("data.json");
        assertTrue(text.contains("\"id\" : \"test-crm-") && text.contains("\"vip\" : true"), "the edits below apply");
        List<String> noId = SchemaCheck.validate(zip.get("schema.json"),
                JSON.readTree(text.replaceFirst("\"id\" : \"test-crm-", "\"idx\" : \"x-")));
        assertTrue(noId.stream().anyMatch(m -> m.contains("id")), noId.toString());
        List<String> nested = SchemaCheck.validate(zip.get("schema.json"),
                JSON.readTree(text.replaceFirst("\"vip\" : true", "\"vip\" : {\"a\": 1}")));
        assertTrue(nested.stream().anyMatch(m -> m.contains("vip")), nested.toString());
        List<String> extra = SchemaCheck.validate(zip.get("schema.json"),
                JSON.readTree(text.replaceFirst("\\{", "{ \"unexpected\" : 1,")));
        assertTrue(extra.stream().anyMatch(m -> m.contains("unexpected")), extra.toString());
        List<String> version = SchemaCheck.validate(zip.get("schema.json"),
                JSON.readTree(text.replaceFirst("\"schemaVersion\" : \"1.0\"", "\"schemaVersion\" : \"2.0\"")));
        assertTrue(version.stream().anyMatch(m -> m.contains("schemaVersion")), version.toString());

        Set<String> values = new HashSet<>();
        collect(data, values);
        for (String planted : List.of(first, last, email, phone, city, "1984-07-14", "true", subject1, subject2, body,
                tag, "web form 'newsletter'", "e-mail to support", "customer relationship",
                "contract (Art. 6(1)(b))", "Mailer Ltd (processor)", "3 years after the last contact",
                "2 years after closing", "contact.read", "ACCESS", "letter")) {
            assertTrue(values.contains(planted), "data.json holds " + planted);
        }
        assertFalse(values.contains("someone else's"));
        JsonNode trail = null;
        for (JsonNode module : data.get("modules")) {
            if (module.get("module").asText().equals("audit")) {
                trail = module;
            }
        }
        long reads = 0;
        for (JsonNode entry : trail.get("records")) {
            reads += entry.get("fields").get("action").asText().equals("contact.read") ? 1 : 0;
        }
        assertEquals(3, reads, "every audit entry about the person is exported");
        assertTrue(data.toString().contains("\"address.city\""), "nested fields become dotted names");

        String crmCsv = zip.get("csv/test-crm/contact-details.csv");
        assertTrue(crmCsv.startsWith("record_id,record_type,source,firstName,lastName,email,phone,address.city"),
                crmCsv);
        assertTrue(crmCsv.contains(email) && crmCsv.contains(city) && crmCsv.contains(last));
        String ticketCsv = zip.get("csv/test-helpdesk/support-conversations.csv");
        assertTrue(ticketCsv.contains("\"" + body.replace("\"", "\"\"") + "\""), "RFC 4180 quoting: " + ticketCsv);
        assertTrue(ticketCsv.contains(tag + "; urgent"));

        assertTrue(zip.keySet().stream().noneMatch(name -> name.startsWith("test-helpdesk/")),
                "a module that hands over no file gets no folder: " + zip.keySet());
        String card = zip.get("test-crm/contact.vcf");
        assertEquals(vcard, card, "the module's file lands in the package byte for byte");
        assertTrue(card.startsWith("BEGIN:VCARD") && card.contains("VERSION:4.0"), card);
        assertTrue(card.contains("FN:" + first + " " + last), card);
        assertTrue(card.contains("EMAIL:" + email) && card.contains(city) && card.contains(phone), card);
        assertTrue(card.contains("N:" + last + ";" + first + ";;;") && card.contains("BDAY:19840714"), card);

        String summary = zip.get("summary.txt");
        for (String expected : List.of("test-crm - contact details", "customer relationship",
                "contract (Art. 6(1)(b))", "web form 'newsletter'", "Mailer Ltd (processor)",
                "3 years after the last contact", "support conversations", "Shared with:      nobody",
                "Records held:     2", "audit trail", "Art. 17")) {
            assertTrue(summary.contains(expected), "summary.txt names " + expected + ":\n" + summary);
        }
        assertTrue(zip.get("summary.html").contains("Mailer Ltd (processor)"));
        assertTrue(summary.contains("test-crm/contact.vcf (text/vcard)"), "summary.txt lists the module's file");
        assertTrue(zip.get("summary.html").contains("test-crm/contact.vcf (text/vcard)"));
        JsonNode crmModule = null;
        for (JsonNode module : data.get("modules")) {
            if (module.get("module").asText().equals("test-crm")) {
                crmModule = module;
            }
        }
        assertEquals("test-crm/contact.vcf", crmModule.get("files").get(0).get("path").asText());
        assertEquals("text/vcard", crmModule.get("files").get(0).get("mediaType").asText());
        assertEquals(vcard.getBytes(StandardCharsets.UTF_8).length, crmModule.get("files").get(0).get("bytes").asInt());
    }

    @Test
    void aRelativeNameGoesToTheExportsFolderAndTheExportIsPermissionedAndAudited() throws Exception {
        SubjectRights rights = Osgi.service(context, SubjectRights.class);
        PersonId person = PersonId.random();
        MemoryProvider crm = provider("test-crm", "contact", "contact details", List.of("email"), "crm",
                "contract", null, "1 year");
        crm.plant(person, Map.of("email", Fixture.unique("r.") + "@example.org"), "import");

        assertThrows(AccessDeniedException.class,
                () -> rights.export(person, Path.of("denied.zip"), Optional.empty(), Fixture.nobody()));
        RightsRequest erasure = Osgi.service(context, RequestRegister.class).register(RequestType.ERASURE, person,
                null, "e-mail", Fixture.officer());
        assertEquals("request", assertThrows(ValidationException.class, () -> rights.export(person,
                Path.of("x.zip"), Optional.of(erasure.id()), Fixture.officer())).field());

        String name = Fixture.unique("relative-") + ".zip";
        ExportReport report = rights.export(person, Path.of(name), Optional.empty(), Fixture.officer());
        assertEquals(Fixture.dataDirectory().resolve("exports").resolve(name).toAbsolutePath(),
                report.file().toAbsolutePath());
        assertTrue(Files.exists(report.file()));
        try (var listing = Files.list(report.file().getParent())) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".part")),
                    "no temporary file is left behind");
        }
        var entries = Osgi.service(context, AuditLog.class).query(org.steward.audit.AuditQuery.builder()
                .person(person).action("rights.export").build()).entries();
        assertEquals(1, entries.size());
        assertFalse(entries.get(0).event().details().contains(name), "the file name may name the person: not audited");
    }

    private static void collect(JsonNode node, Set<String> values) {
        if (node.isValueNode()) {
            values.add(node.asText());
        }
        node.forEach(child -> collect(child, values));
    }
}
