package org.steward.tickets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.DataSource;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.PersonalDataExport;
import org.steward.identity.NewUser;
import org.steward.identity.UserDirectory;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.Osgi;
import org.steward.tickets.Attachment;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.TicketStatus;

/**
 * The personal-data provider: the export holds every ticket and message of the person, internal notes included, with
 * other people's data removed; erasure anonymises (or deletes) the tickets, and afterwards the database files hold
 * none of the person's identifiers or texts in the ticket tables (they were only ever written encrypted).
 */
class ErasureTest {

    private static final BundleContext CONTEXT = Osgi.context(ErasureTest.class);
    private static TicketsFixture fixture;
    private static final Actor DPO = TicketsFixture.agent("dpo-e");
    private static Actor agent;

    private static final String EMAIL = "zofia.erase.5521@example.org";
    private static final String PHONE = "+48 601 555 123";
    private static final String CUSTOMER_TEXT = "Hello, I am Zofia Źdźbło, phone " + PHONE + ", write to " + EMAIL
            + ". My fridge QX-unique-body-8842 broke.";
    private static final String NOTE = "Her neighbour Bartosz Kowalczyk (bartosz.k@example.com, +48 602 999 888) "
            + "called about her too; Marta checked it. Internal-note-text-3391";
    private static final String ATTACHMENT = "RECEIPT-CONTENT-6612 for the fridge";

    @BeforeAll
    static void organisation() throws Exception {
        fixture = TicketsFixture.fresh(CONTEXT, Map.of());
        fixture.team("Support-E");
        UserDirectory users = Osgi.service(CONTEXT, UserDirectory.class);
        String martaId = users.create(Actor.system(), new NewUser("marta.e", "Marta Wiśniewska",
                "marta.e@staff.example", "en")).user().id();
        agent = TicketsFixture.agent(martaId);
        fixture.user(martaId, "Support-E", DefaultProfiles.SUPPORT_AGENT);
        fixture.user(DPO.userId(), null, DefaultProfiles.PRIVACY_OFFICER);
        fixture.contacts.create(ContactDraft.of("Bartosz", "Kowalczyk", "bartosz.k@example.com"),
                DataSource.manual("test", Instant.now()), Actor.system());
    }

    @AfterAll
    static void defaults() throws Exception {
        TicketsFixture.reset(CONTEXT);
    }

    private static PersonId customer(String first, String last, String email, String phone) {
        ContactDraft draft = new ContactDraft(first, last, email, phone, null, null, null, null, null, null, null,
                null, null);
        return fixture.contacts.create(draft, DataSource.manual("test", Instant.now()), Actor.system()).person();
    }

    /** Two tickets with customer messages, an answer, an internal note and an attachment. */
    private static List<Ticket> conversation(PersonId person, String email) {
        Ticket fridge = fixture.tickets.open(NewTicket.fromEmail(email, "Kühlschrank 7731 of Zofia", CUSTOMER_TEXT)
                .withTeam("Support-E").withAttachments(List.of(new Attachment("receipt-Zofia.txt", "text/plain",
                        ATTACHMENT.getBytes(StandardCharsets.UTF_8)))), agent);
        assertEquals(Optional.of(person), fridge.requester());
        fixture.tickets.reply(fridge.id(), "Dear Zofia, a technician comes on Monday.", List.of(), false, agent);
        fixture.tickets.reply(fridge.id(), NOTE, List.of(), true, agent);
        fixture.tickets.changeStatus(fridge.id(), TicketStatus.SOLVED, agent);
        Ticket second = fixture.tickets.open(NewTicket.fromEmail(email, "Second question", "Second-body-4455")
                .withTeam("Support-E"), agent);
        return List.of(fridge, second);
    }

    @Test
    void exportHoldsEveryMessageWithInternalNotesAndOtherPeoplesDataRemoved() {
        PersonId zofia = customer("Zofia", "Źdźbło", EMAIL, PHONE);
        List<Ticket> tickets = conversation(zofia, EMAIL);

        PersonalDataExport export = fixture.provider().export(zofia, DPO);
        assertEquals("tickets", export.module());
        List<ExportedRecord> ticketRecords = export.records().stream().filter(r -> r.type().equals("ticket")).toList();
        assertEquals(tickets.stream().map(t -> t.id().value()).sorted().toList(),
                ticketRecords.stream().map(ExportedRecord::id).sorted().toList());
        List<ExportedRecord> messages = export.records().stream().filter(r -> r.type().equals("message")).toList();
        assertEquals(4, messages.size(), "customer message, answer, internal note, second ticket's message");
        String note = messages.stream().filter(m -> m.fields().get("kind").equals("internal note"))
                .map(m -> (String) m.fields().get("text")).findFirst().orElseThrow();
        assertTrue(note.contains("Internal-note-text-3391"), note);
        assertFalse(note.contains("bartosz.k@example.com"), note);
        assertFalse(note.contains("602 999 888"), note);
        assertFalse(note.contains("Bartosz") || note.contains("Kowalczyk"), "another known contact's name: " + note);
        assertFalse(note.contains("Marta"), "the agent's name: " + note);
        assertTrue(note.contains("[e-mail address removed]") && note.contains("[phone number removed]")
                && note.contains("[name removed]"), note);
        String own = messages.stream().filter(m -> m.fields().get("kind").equals("customer"))
                .map(m -> (String) m.fields().get("text")).filter(t -> t.contains("QX-unique")).findFirst()
                .orElseThrow();
        assertTrue(own.contains(EMAIL) && own.contains(PHONE) && own.contains("Zofia Źdźbło"),
                "the person's own data stays: " + own);
        String attachment = messages.stream().map(m -> (String) m.fields().get("attachments[0].base64"))
                .filter(b -> b != null).findFirst().orElseThrow();
        assertEquals(ATTACHMENT, new String(java.util.Base64.getDecoder().decode(attachment), StandardCharsets.UTF_8));
        assertTrue(messages.stream().noneMatch(m -> m.fields().values().stream()
                .anyMatch(v -> String.valueOf(v).contains(agent.userId()))), "no agent ids in the export");
        assertFalse(fixture.audited("tickets.export").isEmpty());
    }

    @Test
    void anonymisingErasureKeepsStatisticsAndLeavesNoPersonalTraceInTheDatabaseFiles() throws Exception {
        String email = "anon.erase.7070@example.org";
        PersonId person = customer("Zofia", "Anonymka", email, null);
        List<Ticket> tickets = conversation(person, email);
        String ticketId = tickets.get(0).id().value();
        fixture.checkpoint();
        assertFalse(TicketsFixture.scan(fixture.ticketTableFiles(), List.of(ticketId)).isEmpty(),
                "the scan sees what the ticket tables hold (the ticket id is stored in the clear)");

        ErasureOutcome outcome = fixture.provider().erase(person, DPO);
        assertEquals(new ErasureOutcome(0, 2, List.of()), outcome);
        assertEquals(ErasureOutcome.nothingHeld(), fixture.provider().erase(person, DPO), "idempotent");

        assertEquals(2, fixture.count("SELECT COUNT(*) FROM TICKETS_TICKET WHERE ID IN ('" + ticketId + "', '"
                + tickets.get(1).id() + "') AND ANONYMISED <> 0 AND PERSON_ID IS NULL AND SUBJECT IS NULL"),
                "the rows stay for statistics without any personal trace");
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM TICKETS_MESSAGE WHERE TICKET_ID = '" + ticketId + "'"));
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM TICKETS_ATTACHMENT WHERE TICKET_ID = '" + ticketId + "'"));
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM TICKETS_TICKET WHERE PERSON_ID = '" + person + "'"));
        Ticket kept = fixture.tickets.get(tickets.get(0).id(), DPO).ticket();
        assertTrue(kept.anonymised() && kept.requester().isEmpty() && kept.subject().isEmpty());
        assertEquals(TicketStatus.SOLVED, kept.status());
        assertTrue(kept.firstResponseAt().isPresent() && kept.resolvedAt().isPresent(), "statistics stay");
        assertTrue(fixture.provider().export(person, DPO).isEmpty());
        assertTrue(fixture.tickets.search(TicketQuery.all().person(person), DPO).isEmpty());

        assertNoTraces(email, "Anonymka", ticketId);
        assertFalse(TicketsFixture.scan(fixture.ticketTableFiles(), List.of(ticketId)).isEmpty(),
                "the anonymised row is still there");
    }

    @Test
    void deletingErasureRemovesTheTicketsAndLeavesNoPersonalTrace() throws Exception {
        fixture.configure(Map.of("erasure", "delete"));
        try {
            String email = "delete.erase.8080@example.org";
            PersonId person = customer("Zofia", "Löschmann", email, null);
            List<Ticket> tickets = conversation(person, email);
            ErasureOutcome outcome = fixture.provider().erase(person, DPO);
            assertEquals(new ErasureOutcome(2, 0, List.of()), outcome);
            assertEquals(0, fixture.count("SELECT COUNT(*) FROM TICKETS_TICKET WHERE ID = '" + tickets.get(0).id()
                    + "'"));
            assertEquals(ErasureOutcome.nothingHeld(), fixture.provider().erase(person, DPO));
            assertNoTraces(email, "Löschmann", tickets.get(0).id().value());
        } finally {
            fixture.configure(Map.of());
        }
    }

    @Test
    void rectificationOfAConversationIsRefusedNamingTheField() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> fixture.provider().rectify(PersonId.random(), Map.of("body", "new text"), DPO));
        assertEquals("body", refused.field());
        assertEquals(0, fixture.provider().rectify(PersonId.random(), Map.of(), DPO));
        assertTrue(fixture.provider().describe().categories().get(0).fields().stream()
                .anyMatch(f -> f.name().equals("body")));
    }

    @Test
    void theDescriptionNamesWhoseDataItIs() {
        assertEquals(List.of("customers", "requesters"),
                fixture.provider().describe().categories().get(0).dataSubjects());
    }

    /** The ticket tables' files hold no identifier or text of the person; no file holds their ticket texts. */
    private static void assertNoTraces(String email, String lastName, String ticketId) throws Exception {
        fixture.checkpoint();
        assertFalse(TicketsFixture.scan(fixture.allDatabaseFiles(), List.of(ticketId)).isEmpty(),
                "the scan reads the files: the ticket id (in the clear in the audit trail and the log) is found");
        List<String> identifiersAndTexts = List.of(email, lastName, "Zofia", "Źdźbło", "Kühlschrank 7731",
                "QX-unique-body-8842", "Internal-note-text-3391", "RECEIPT-CONTENT-6612", "receipt-Zofia",
                "Second-body-4455", "technician", "bartosz.k@example.com");
        List<String> inTicketTables = TicketsFixture.scan(fixture.ticketTableFiles(), identifiersAndTexts);
        assertTrue(inTicketTables.isEmpty(), "found in the ticket tables: " + inTicketTables);
        // texts only the tickets module ever had: not in any file of the database, transaction log included
        List<String> anywhere = TicketsFixture.scan(fixture.allDatabaseFiles(), List.of("QX-unique-body-8842",
                "Internal-note-text-3391", "RECEIPT-CONTENT-6612", "Second-body-4455"));
        assertTrue(anywhere.isEmpty(), "found in the database folder: " + anywhere.stream()
                .collect(Collectors.joining(", ")));
    }
}
