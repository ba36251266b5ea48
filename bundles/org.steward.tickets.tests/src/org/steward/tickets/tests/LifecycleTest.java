package org.steward.tickets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.DataSource;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailStatus;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;
import org.steward.tickets.Attachment;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketPriority;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.TicketThread;

/** The life of a ticket against its service-level due times, on a simulated clock; status rules; search; console. */
class LifecycleTest {

    private static final BundleContext CONTEXT = Osgi.context(LifecycleTest.class);
    private static TicketsFixture fixture;
    private static PersonId customer;
    private static final Actor AGENT = TicketsFixture.agent("agent-l1");

    @BeforeAll
    static void database() throws Exception {
        // urgent tickets get one hour to the first answer and four to the resolution; low ones the configured 2d/5d
        fixture = TicketsFixture.fresh(CONTEXT, Map.of("serviceLevels",
                new String[] { "urgent=1h/4h", "low=2d/5d", "broken entry" }));
        fixture.team("Support-L");
        fixture.user(AGENT.userId(), "Support-L", DefaultProfiles.SUPPORT_AGENT);
        customer = fixture.contacts.create(ContactDraft.of("Ola", "Lifecycle", "ola.lifecycle@example.org"),
                DataSource.manual("test", Instant.now()), Actor.system()).person();
    }

    @AfterAll
    static void defaults() throws Exception {
        TicketsFixture.reset(CONTEXT);
    }

    private static NewTicket urgent(String subject) {
        return NewTicket.forPerson(customer, subject, "The invoice portal shows an error 500.", TicketChannel.WEB)
                .withPriority(TicketPriority.URGENT).withTeam("Support-L");
    }

    @Test
    void firstResponseAfterTheDueTimeIsABreachAndAResolutionInTimeIsNot() {
        SimulatedClock clock = fixture.clock;
        Instant opened = Instant.parse("2031-03-10T09:00:00Z");
        clock.set(opened);
        Ticket ticket = fixture.tickets.open(urgent("Portal down"), AGENT);
        assertEquals(TicketStatus.NEW, ticket.status());
        assertEquals(opened.plus(Duration.ofHours(1)), ticket.firstResponseDue());
        assertEquals(opened.plus(Duration.ofHours(4)), ticket.resolutionDue());
        assertFalse(ticket.firstResponseBreached());

        clock.advance(Duration.ofMinutes(59));
        assertFalse(read(ticket).firstResponseBreached(), "59 minutes in, the first answer is not late yet");
        clock.advance(Duration.ofMinutes(2));
        assertTrue(read(ticket).firstResponseBreached(), "61 minutes in without an answer, it is late");
        assertFalse(read(ticket).resolutionBreached());

        int mailsBefore = outbox().forPerson(customer).size();
        fixture.tickets.reply(ticket.id(), "We are looking into it.", List.of(), false, AGENT);
        List<MailStatus> mails = outbox().forPerson(customer);
        assertEquals(mailsBefore + 1, mails.size(), "the answer is queued for the requester");
        assertEquals("ticket-reply", mails.get(0).template());
        assertEquals("service", mails.get(0).purpose());
        Ticket answered = read(ticket);
        assertEquals(opened.plus(Duration.ofMinutes(61)), answered.firstResponseAt().orElseThrow());
        assertEquals(TicketStatus.OPEN, answered.status(), "the first answer opens the ticket");
        assertTrue(answered.firstResponseBreached(), "answered after the due time: the breach stays on record");

        clock.advance(Duration.ofHours(2));
        Ticket solved = fixture.tickets.changeStatus(ticket.id(), TicketStatus.SOLVED, AGENT);
        assertEquals(opened.plus(Duration.ofMinutes(181)), solved.resolvedAt().orElseThrow());
        clock.advance(Duration.ofHours(10));
        Ticket later = read(ticket);
        assertFalse(later.resolutionBreached(), "solved within four hours, however late it is now");
        assertTrue(later.firstResponseBreached());

        Ticket closed = fixture.tickets.changeStatus(ticket.id(), TicketStatus.CLOSED, AGENT);
        assertEquals(clock.instant(), closed.closedAt().orElseThrow());
        assertEquals(solved.resolvedAt(), closed.resolvedAt(), "closing a solved ticket keeps its resolution time");
        assertThrows(ConflictException.class,
                () -> fixture.tickets.changeStatus(ticket.id(), TicketStatus.OPEN, AGENT), "closed is final");
        assertThrows(ConflictException.class,
                () -> fixture.tickets.reply(ticket.id(), "one more thing", List.of(), false, AGENT));
    }

    @Test
    void anInternalNoteIsNoFirstResponseAndAnUnresolvedTicketBreachesItsResolutionTime() {
        SimulatedClock clock = fixture.clock;
        Instant opened = Instant.parse("2031-04-01T12:00:00Z");
        clock.set(opened);
        Ticket ticket = fixture.tickets.open(urgent("Cannot log in"), AGENT);
        clock.advance(Duration.ofMinutes(10));
        fixture.tickets.reply(ticket.id(), "Probably the SSO certificate.", List.of(), true, AGENT);
        Ticket noted = read(ticket);
        assertTrue(noted.firstResponseAt().isEmpty(), "an internal note is not an answer to the customer");
        assertEquals(TicketStatus.NEW, noted.status());
        clock.advance(Duration.ofMinutes(20));
        fixture.tickets.reply(ticket.id(), "Please try again now.", List.of(), false, AGENT);
        assertFalse(read(ticket).firstResponseBreached(), "answered after 30 minutes");

        fixture.tickets.changeStatus(ticket.id(), TicketStatus.SOLVED, AGENT);
        clock.advance(Duration.ofMinutes(30));
        // the customer writes again: the ticket is reopened and the resolution clock runs on
        fixture.tickets.customerReply(ticket.id(), "Still broken.", List.of(), AGENT);
        Ticket reopened = read(ticket);
        assertEquals(TicketStatus.OPEN, reopened.status());
        assertTrue(reopened.resolvedAt().isEmpty());
        clock.set(opened.plus(Duration.ofHours(4)).plusSeconds(1));
        assertTrue(read(ticket).resolutionBreached(), "not resolved within four hours");
    }

    @Test
    void priorityChangesRecomputeDueTimesFromTheOpeningAndConfiguredLevelsApply() {
        Instant opened = Instant.parse("2031-05-01T08:00:00Z");
        fixture.clock.set(opened);
        Ticket ticket = fixture.tickets.open(urgent("Question about a contract").withPriority(TicketPriority.LOW),
                AGENT);
        assertEquals(opened.plus(Duration.ofDays(2)), ticket.firstResponseDue(), "configured low=2d/5d");
        assertEquals(opened.plus(Duration.ofDays(5)), ticket.resolutionDue());
        fixture.clock.advance(Duration.ofHours(3));
        Ticket normal = fixture.tickets.changePriority(ticket.id(), TicketPriority.NORMAL, AGENT);
        assertEquals(opened.plus(Duration.ofHours(8)), normal.firstResponseDue(), "default normal=8h/3d kept");
        assertEquals(opened.plus(Duration.ofDays(3)), normal.resolutionDue());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        ValidationException subject = assertThrows(ValidationException.class,
                () -> fixture.tickets.open(NewTicket.forPerson(customer, " ", "text", TicketChannel.PHONE), AGENT));
        assertEquals("subject", subject.field());
        ValidationException team = assertThrows(ValidationException.class,
                () -> fixture.tickets.open(urgent("x").withTeam("No-Such-Team"), AGENT));
        assertEquals("team", team.field());
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        ValidationException attachment = assertThrows(ValidationException.class, () -> fixture.tickets.open(
                urgent("big file").withAttachments(List.of(new Attachment("scan.pdf", "application/pdf", big))),
                AGENT));
        assertEquals("attachments[0]", attachment.field());
        assertTrue(fixture.tickets.search(TicketQuery.all().text("big file"), AGENT).isEmpty(), "nothing written");
    }

    @Test
    void searchFindsByEncryptedTextStatusAssigneeAndPerson() {
        fixture.clock.set(Instant.parse("2031-06-01T08:00:00Z"));
        Ticket printer = fixture.tickets.open(NewTicket.forPerson(customer, "Printer jam",
                "The Zebrafax 3000 eats paper.", TicketChannel.PHONE).withTeam("Support-L")
                .withAssignee(AGENT.userId()), AGENT);
        fixture.tickets.open(NewTicket.forPerson(customer, "Scanner", "Blue lines everywhere.", TicketChannel.PHONE)
                .withTeam("Support-L"), AGENT);
        List<Ticket> byText = fixture.tickets.search(TicketQuery.all().text("zebrafax paper"), AGENT);
        assertEquals(List.of(printer.id()), byText.stream().map(Ticket::id).toList());
        assertEquals(Optional.of("Printer jam"), byText.get(0).subject());
        assertTrue(fixture.tickets.search(TicketQuery.all().text("zebrafax").status(TicketStatus.SOLVED), AGENT)
                .isEmpty());
        assertTrue(fixture.tickets.search(TicketQuery.all().assignee(AGENT.userId()), AGENT).stream()
                .anyMatch(t -> t.id().equals(printer.id())));
        assertTrue(fixture.tickets.search(TicketQuery.all().person(customer), AGENT).size() >= 2);
        assertTrue(fixture.tickets.search(TicketQuery.all().person(PersonId.random()), AGENT).isEmpty());
        assertFalse(fixture.audited("tickets.ticket.search").stream()
                .anyMatch(e -> e.toString().toLowerCase().contains("zebrafax")), "the searched text is not audited");
    }

    @Test
    void consoleCommandsOpenAnswerShowAndClose() throws Throwable {
        fixture.clock.set(Instant.parse("2031-07-01T08:00:00Z"));
        String opened = (String) fixture.command("_new", new Class<?>[] { String.class, String.class, String.class },
                "ola.lifecycle@example.org", "Console ticket", "Typed in at the console");
        String id = opened.replaceAll(".*ticket ([0-9a-f-]{36}).*", "$1");
        // a ticket without a team or an assignee: only profiles that see every ticket (the console here) reach it
        PersonId person = fixture.tickets.get(org.steward.tickets.TicketId.parse(id), Actor.console("tester"))
                .ticket().requester().orElseThrow();
        assertEquals(customer, person, "the known e-mail address links the ticket to the existing contact");
        fixture.command("reply", new Class<?>[] { boolean.class, String.class, String.class }, true, id,
                "Console note");
        fixture.command("reply", new Class<?>[] { boolean.class, String.class, String.class }, false, id,
                "Console answer");
        String shown = (String) fixture.command("show", new Class<?>[] { String.class }, id);
        assertTrue(shown.contains("INTERNAL_NOTE") && shown.contains("Console note") && shown.contains("Console answer"),
                shown);
        String list = (String) fixture.command("list", new Class<?>[] { String.class, int.class }, "open", 50);
        assertTrue(list.contains(id), list);
        assertTrue(((String) fixture.command("close", new Class<?>[] { String.class }, id)).startsWith("Closed"));
        TicketThread thread = fixture.tickets.get(org.steward.tickets.TicketId.parse(id), Actor.console("tester"));
        assertEquals(TicketStatus.CLOSED, thread.ticket().status());
    }

    private static MailOutbox outbox() {
        return Osgi.service(CONTEXT, MailOutbox.class);
    }

    private static Ticket read(Ticket ticket) {
        return fixture.tickets.get(ticket.id(), AGENT).ticket();
    }
}
