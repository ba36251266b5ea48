package org.steward.rights.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentPurpose;
import org.steward.consent.Consents;
import org.steward.consent.Purposes;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.PostalAddress;
import org.steward.contacts.PreviouslyErasedException;
import org.steward.rights.ErasureReport;
import org.steward.rights.ErasureState;
import org.steward.rights.ExportReport;
import org.steward.rights.ErasureStep;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketThread;
import org.steward.tickets.Tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The same guarantees with the real contacts and consent modules: data planted through their services is exported
 * (valid against the schema), erased without a trace in the data directory, and the person's return is flagged by the
 * erasure blocklist; a ticket planted through the real tickets module is exported with its thread and anonymised.
 */
class RealModulesTest {

    private final BundleContext context = Osgi.context(RealModulesTest.class);

    @Test
    void plantedContactAndConsentAreExportedThenErasedWithoutTraceAndReentryIsFlagged() throws Exception {
        Contacts contacts = Osgi.service(context, Contacts.class);
        Consents consents = Osgi.service(context, Consents.class);
        Purposes purposes = Osgi.service(context, Purposes.class);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);

        String first = Fixture.unique("Walentyna");
        String last = Fixture.unique("Przybylska");
        String email = Fixture.unique("w.") + "@example.org";
        String phone = "+48" + Fixture.digits(9);
        String city = Fixture.unique("Olsztyn");
        ContactDraft draft = new ContactDraft(first, last, email, phone, null,
                new PostalAddress("Polna 1", "10-001", city, "", "PL"), null, "pl", null, null, null, null, null);
        Contact contact = contacts.create(draft, DataSource.manual("staff-1", Instant.now()), Fixture.officer());

        String purpose = Fixture.unique("newsletter-").toLowerCase(Locale.ROOT);
        purposes.define(purpose, "monthly newsletter", true, Fixture.officer());
        ConsentPurpose published = purposes.publishText(purpose, Map.of(Locale.ENGLISH, "Send me the newsletter"),
                Fixture.officer());
        consents.grant(contact.person(), purpose, ConsentProof.webForm(Instant.now(), "signup",
                published.currentVersion(), "203.0.113.9", "TestAgent/1.0"), Fixture.officer());

        ExportReport export = rights.export(contact.person(), Path.of(last + ".zip"), Optional.empty(),
                Fixture.officer());
        Map<String, String> zip = Fixture.unzip(export.file());
        ObjectMapper json = new ObjectMapper();
        JsonNode data = json.readTree(zip.get("data.json"));
        assertEquals(List.of(), SchemaCheck.validate(zip.get("schema.json"), data));
        String text = data.toString();
        for (String planted : List.of(first, last, email, city, purpose)) {
            assertTrue(text.contains(planted), "data.json holds " + planted + ": " + export.recordsPerModule());
        }
        assertTrue(export.recordsPerModule().getOrDefault("contacts", 0) >= 1, export.recordsPerModule().toString());
        assertTrue(export.recordsPerModule().getOrDefault("consent", 0) >= 1, export.recordsPerModule().toString());
        // the contacts module's own vCard (core SPI 1.2 ExportedFile), in its folder of the package
        assertTrue(zip.containsKey("contacts/contact.vcf") && zip.get("contacts/contact.vcf").contains(email),
                zip.keySet().toString());

        ErasureReport erased = rights.erase(contact.person(), Fixture.officer());
        assertEquals(ErasureState.DONE, erased.state(), erased.toString());
        assertEquals(List.of(), Fixture.filesHolding(List.of(first, last, email, city, phone.substring(3))),
                "no name, e-mail address, city or phone number of the person is left in the data directory");

        assertThrows(PreviouslyErasedException.class, () -> contacts.create(draft,
                DataSource.manual("staff-1", Instant.now()), Fixture.officer()), "the blocklist flags the return");
    }

    @Test
    void aTicketThreadPlantedThroughTheTicketsModuleIsExportedThenAnonymisedWithoutTrace() throws Exception {
        Contacts contacts = Osgi.service(context, Contacts.class);
        Tickets tickets = Osgi.service(context, Tickets.class);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);

        String last = Fixture.unique("Grabowska");
        String email = Fixture.unique("g.") + "@example.org";
        Contact contact = contacts.create(ContactDraft.of(Fixture.unique("Halina"), last, email),
                DataSource.manual("staff-1", Instant.now()), Fixture.officer());
        String subject = Fixture.unique("Parcel lost near ");
        String first = Fixture.unique("My parcel number ");
        String customer = Fixture.unique("It was sent to ");
        String note = Fixture.unique("Courier confirms ");
        String answer = Fixture.unique("We refunded order ");
        Ticket ticket = tickets.open(org.steward.tickets.NewTicket.forPerson(contact.person(), subject, first,
                TicketChannel.EMAIL), Fixture.officer());
        tickets.customerReply(ticket.id(), customer, List.of(), Fixture.officer());
        tickets.reply(ticket.id(), note, List.of(), true, Fixture.officer());
        tickets.reply(ticket.id(), answer, List.of(), false, Fixture.officer());
        Ticket someoneElses = tickets.open(org.steward.tickets.NewTicket.forPerson(
                org.steward.core.PersonId.random(), "someone else's subject", "x", TicketChannel.WEB),
                Fixture.officer());
        List<String> texts = List.of(subject, first, customer, note, answer);

        ExportReport export = rights.export(contact.person(), Path.of(last + ".zip"), Optional.empty(),
                Fixture.officer());
        assertTrue(export.recordsPerModule().getOrDefault("tickets", 0) >= 1, export.recordsPerModule().toString());
        Map<String, String> zip = Fixture.unzip(export.file());
        JsonNode data = new ObjectMapper().readTree(zip.get("data.json"));
        assertEquals(List.of(), SchemaCheck.validate(zip.get("schema.json"), data));
        for (String planted : texts) {
            assertTrue(zip.get("data.json").contains(planted), "data.json holds the ticket text " + planted);
        }
        assertFalse(zip.get("data.json").contains("someone else's subject"));
        assertTrue(zip.keySet().stream().anyMatch(name -> name.startsWith("csv/tickets/")), zip.keySet().toString());
        assertTrue(Fixture.filesHolding(texts).size() > 0, "the scan sees the texts in the export (positive control)");

        ErasureReport erased = rights.erase(contact.person(), Fixture.officer());
        assertEquals(ErasureState.DONE, erased.state(), erased.toString());
        ErasureStep step = erased.steps().stream().filter(s -> s.module().equals("tickets")).findFirst()
                .orElseThrow(() -> new AssertionError("no tickets step: " + erased));
        assertTrue(step.deleted() + step.anonymised() >= 1, "the ticket is anonymised or deleted: " + step);
        assertEquals(List.of(), Fixture.filesHolding(texts),
                "no subject or message text of the person is left in the data directory");
        TicketThread after;
        try {
            after = tickets.get(ticket.id(), Fixture.officer());
            assertTrue(after.ticket().anonymised() && after.ticket().requester().isEmpty()
                    && after.ticket().subject().isEmpty() && after.messages().isEmpty(), after.toString());
        } catch (org.steward.core.NotFoundException deleted) {
            // the tickets module is configured to delete instead of anonymising
        }
        assertEquals("someone else's subject", tickets.get(someoneElses.id(), Fixture.officer()).ticket().subject()
                .orElseThrow(), "another person's ticket is untouched");
    }
}
