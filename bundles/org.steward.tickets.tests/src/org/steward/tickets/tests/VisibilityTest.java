package org.steward.tickets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.DataSource;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.Grantee;
import org.steward.permissions.ShareAccess;
import org.steward.permissions.RecordRef;
import org.steward.permissions.SharingRule;
import org.steward.testing.Osgi;
import org.steward.tickets.Attachment;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.MessageKind;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketMessage;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.TicketThread;
import org.steward.tickets.Tickets;

/**
 * Team visibility per default profile (a team is a permissions role) and the internal-note rule: the customer's own
 * view never contains an internal note.
 */
class VisibilityTest {

    private static final BundleContext CONTEXT = Osgi.context(VisibilityTest.class);
    private static TicketsFixture fixture;
    private static final Actor A1 = TicketsFixture.agent("agent-a1");
    private static final Actor A2 = TicketsFixture.agent("agent-a2");
    private static final Actor B1 = TicketsFixture.agent("agent-b1");
    private static final Actor READER_A = TicketsFixture.agent("reader-a");
    private static final Actor SALES_A = TicketsFixture.agent("sales-a");
    private static final Actor DPO = TicketsFixture.agent("dpo");
    private static PersonId customer;
    private static PersonId otherCustomer;
    private static Ticket teamA;
    private static Ticket teamB;

    @BeforeAll
    static void organisation() throws Exception {
        fixture = TicketsFixture.fresh(CONTEXT, Map.of());
        fixture.team("Team-A");
        fixture.team("Team-B");
        fixture.user(A1.userId(), "Team-A", DefaultProfiles.SUPPORT_AGENT);
        fixture.user(A2.userId(), "Team-A", DefaultProfiles.SUPPORT_AGENT);
        fixture.user(B1.userId(), "Team-B", DefaultProfiles.SUPPORT_AGENT);
        fixture.user(READER_A.userId(), "Team-A", DefaultProfiles.READ_ONLY);
        fixture.user(SALES_A.userId(), "Team-A", DefaultProfiles.SALES);
        fixture.user(DPO.userId(), null, DefaultProfiles.PRIVACY_OFFICER);
        customer = fixture.contacts.create(ContactDraft.of("Vera", "Visible", "vera.visible@example.org"),
                DataSource.manual("test", Instant.now()), Actor.system()).person();
        otherCustomer = fixture.contacts.create(ContactDraft.of("Otto", "Other", "otto.other@example.org"),
                DataSource.manual("test", Instant.now()), Actor.system()).person();
        teamA = fixture.tickets.open(NewTicket.forPerson(customer, "Team A question", "Hello A", TicketChannel.WEB)
                .withTeam("Team-A"), A1);
        teamB = fixture.tickets.open(NewTicket.forPerson(customer, "Team B question", "Hello B", TicketChannel.WEB)
                .withTeam("Team-B").withAssignee(B1.userId()), B1);
    }

    @AfterAll
    static void defaults() throws Exception {
        TicketsFixture.reset(CONTEXT);
    }

    @Test
    void aSupportAgentSeesTheirTeamsTicketsAndNotAnotherTeams() {
        assertEquals("Team A question", fixture.tickets.get(teamA.id(), A2).ticket().subject().orElseThrow(),
                "a colleague of the same team reads the unassigned team ticket");
        fixture.tickets.reply(teamA.id(), "Answer from A2", List.of(), false, A2);
        assertThrows(AccessDeniedException.class, () -> fixture.tickets.get(teamB.id(), A1));
        assertThrows(AccessDeniedException.class,
                () -> fixture.tickets.reply(teamB.id(), "intrusion", List.of(), false, A1));
        List<TicketId> listed = fixture.tickets.search(TicketQuery.all(), A1).stream().map(Ticket::id).toList();
        assertTrue(listed.contains(teamA.id()));
        assertFalse(listed.contains(teamB.id()), "search never lists another team's ticket");
        List<TicketId> listedB = fixture.tickets.search(TicketQuery.all(), B1).stream().map(Ticket::id).toList();
        assertEquals(List.of(teamB.id()), listedB.stream().filter(id -> id.equals(teamA.id()) || id.equals(teamB.id()))
                .toList());
        assertFalse(fixture.audited("permission.denied").stream()
                .filter(e -> e.event().actor().userId().equals(A1.userId()))
                .filter(e -> e.event().targetId().equals(teamB.id().value())).toList().isEmpty(),
                "the refusal is audited");
    }

    @Test
    void sharingGivesAnAgentAnotherTeamsTicket() {
        Ticket shared = fixture.tickets.open(NewTicket.forPerson(customer, "Shared", "Please help", TicketChannel.API)
                .withTeam("Team-B"), B1);
        assertThrows(AccessDeniedException.class, () -> fixture.tickets.get(shared.id(), A1));
        fixture.permissions.share(Actor.system(), SharingRule.forRecord(
                RecordRef.unowned(Tickets.MODULE, Tickets.TYPE, shared.id().value()), Grantee.user(A1.userId()),
                ShareAccess.READ));
        assertEquals("Shared", fixture.tickets.get(shared.id(), A1).ticket().subject().orElseThrow());
        assertTrue(fixture.tickets.search(TicketQuery.all(), A1).stream().anyMatch(t -> t.id().equals(shared.id())));
        assertThrows(AccessDeniedException.class,
                () -> fixture.tickets.reply(shared.id(), "a read share does not allow answers", List.of(), false, A1));
    }

    @Test
    void readOnlyAndSalesProfilesAndThePrivacyOfficer() {
        assertEquals(teamA.id(), fixture.tickets.get(teamA.id(), READER_A).ticket().id(), "read-only reads its team");
        assertThrows(AccessDeniedException.class,
                () -> fixture.tickets.reply(teamA.id(), "read-only answers nothing", List.of(), false, READER_A));
        assertThrows(AccessDeniedException.class, () -> fixture.tickets.get(teamA.id(), SALES_A),
                "the Sales profile has no tickets at all");
        assertThrows(AccessDeniedException.class, () -> fixture.tickets.search(TicketQuery.all(), SALES_A));
        assertEquals(teamB.id(), fixture.tickets.get(teamB.id(), DPO).ticket().id(), "the privacy officer sees all");
        assertThrows(AccessDeniedException.class,
                () -> fixture.tickets.reply(teamB.id(), "no business edits", List.of(), false, DPO));
    }

    @Test
    void theCustomersViewNeverShowsInternalNotes() {
        Ticket ticket = fixture.tickets.open(NewTicket.forPerson(customer, "Refund", "I want my money back",
                TicketChannel.EMAIL).withTeam("Team-A"), A1);
        fixture.tickets.reply(ticket.id(), "Internal: customer is a known chargeback risk", List.of(), true, A1);
        fixture.tickets.reply(ticket.id(), "We refund you today.",
                List.of(new Attachment("refund.txt", "text/plain", "Refund 12 EUR".getBytes(StandardCharsets.UTF_8))),
                false, A1);
        Actor self = CustomerActor.of(customer);
        fixture.tickets.customerReply(ticket.id(), "Thank you!", List.of(), self);

        TicketThread staff = fixture.tickets.get(ticket.id(), A2);
        assertEquals(List.of(MessageKind.CUSTOMER, MessageKind.INTERNAL_NOTE, MessageKind.AGENT, MessageKind.CUSTOMER),
                staff.messages().stream().map(TicketMessage::kind).toList());

        for (Actor viewer : List.of(self, A2)) {
            TicketThread view = fixture.tickets.customerView(ticket.id(), viewer);
            assertEquals(List.of(MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.CUSTOMER),
                    view.messages().stream().map(TicketMessage::kind).toList());
            assertFalse(view.messages().stream().anyMatch(m -> m.text().orElse("").contains("chargeback")));
            assertTrue(view.ticket().assignee().isEmpty());
            assertTrue(view.messages().stream().allMatch(m -> m.author().isEmpty()), "no agent ids for the customer");
        }
        TicketThread own = fixture.tickets.customerView(ticket.id(), self);
        assertEquals("Refund 12 EUR", new String(own.messages().get(1).attachments().get(0).content(),
                StandardCharsets.UTF_8));
        assertThrows(AccessDeniedException.class, () -> fixture.tickets.get(ticket.id(), self),
                "the staff view with notes is not for customers");
        assertThrows(AccessDeniedException.class,
                () -> fixture.tickets.customerView(ticket.id(), CustomerActor.of(otherCustomer)));
        assertThrows(AccessDeniedException.class,
                () -> fixture.tickets.customerReply(ticket.id(), "hi", List.of(), CustomerActor.of(otherCustomer)));
        assertThrows(AccessDeniedException.class,
                () -> fixture.tickets.reply(ticket.id(), "note", List.of(), true, self));
        List<Ticket> ownList = fixture.tickets.search(TicketQuery.all(), self);
        assertTrue(ownList.stream().allMatch(t -> t.requester().equals(Optional.of(customer))));
        assertTrue(fixture.tickets.search(TicketQuery.all(), CustomerActor.of(otherCustomer)).isEmpty());
    }
}
