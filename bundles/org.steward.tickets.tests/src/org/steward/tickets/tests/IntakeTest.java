package org.steward.tickets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.contacts.Contact;
import org.steward.contacts.SourceType;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.ValidationException;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.Osgi;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.FormConsent;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketForm;
import org.steward.tickets.TicketStatus;

/**
 * Intake: an unknown sender becomes a contact with source "helpdesk", a known one is found through the blind index;
 * consents ticked on the form are recorded; self-service changes except the e-mail address; restriction.
 */
class IntakeTest {

    private static final BundleContext CONTEXT = Osgi.context(IntakeTest.class);
    private static TicketsFixture fixture;
    private static final Actor AGENT = TicketsFixture.agent("agent-i1");
    /** An anonymous visitor of the public support form. */
    private static final Actor FORM = new Actor("web-form", "web-form", Channel.PORTAL, Optional.of("198.51.100.7"),
            Optional.empty());

    @BeforeAll
    static void database() throws Exception {
        fixture = TicketsFixture.fresh(CONTEXT, Map.of("defaultTeam", "Support-I"));
        fixture.team("Support-I");
        fixture.user(AGENT.userId(), "Support-I", DefaultProfiles.SUPPORT_AGENT);
    }

    @AfterAll
    static void defaults() throws Exception {
        TicketsFixture.reset(CONTEXT);
    }

    @Test
    void anUnknownSenderBecomesAHelpdeskContactAndIsFoundAgainByTheBlindIndex() {
        Ticket first = fixture.tickets.open(NewTicket.fromEmail("new.sender.4711@example.net", "Hello",
                "Where is my parcel?").withRequesterName("Nina", "Neu"), AGENT);
        PersonId person = first.requester().orElseThrow();
        Contact contact = fixture.contacts.byPerson(person, Actor.system()).orElseThrow();
        assertEquals("new.sender.4711@example.net", contact.email());
        assertEquals("Neu", contact.lastName());
        assertEquals(SourceType.HELPDESK, contact.sources().get(0).type());
        assertEquals(first.id().value(), contact.sources().get(0).details().get("ticketId"));
        assertEquals(Optional.of("Support-I"), first.team(), "the configured default team");

        Ticket second = fixture.tickets.open(NewTicket.fromEmail("  New.Sender.4711@EXAMPLE.net ", "Again",
                "Still no parcel."), AGENT);
        assertEquals(Optional.of(person), second.requester(), "the same person, found case-insensitively");
        assertEquals(1, fixture.contacts.find("new.sender.4711@example.net", 10, Actor.system()).size(),
                "no second contact");
        assertTrue(fixture.audited("tickets.ticket.create").stream()
                .anyMatch(e -> e.event().details().contains("contact created")));
        assertTrue(fixture.audited("tickets.ticket.create").stream()
                .noneMatch(e -> e.toString().contains("new.sender")), "no e-mail address in the audit trail");
    }

    @Test
    void consentsTickedOnTheTicketFormAreRecordedWithTheFormAsProof() {
        Ticket ticket = fixture.tickets.open(NewTicket.fromEmail("form.user.815@example.net", "Newsletter and help",
                "Please help and keep me posted.").withForm(TicketForm.of("support-contact", "198.51.100.7",
                        "Mozilla/5.0", List.of(new FormConsent("newsletter", 1)))), FORM);
        PersonId person = ticket.requester().orElseThrow();
        ConsentRecord consent = fixture.consents.current(person, "newsletter", Actor.system()).orElseThrow();
        assertEquals(ConsentState.GRANTED, consent.state());
        assertEquals("support-contact", consent.proof().formName());
        assertEquals(Channel.PORTAL, consent.proof().channel());
        assertEquals(1, consent.proof().textVersion());

        ValidationException unknown = assertThrows(ValidationException.class, () -> fixture.tickets.open(
                NewTicket.fromEmail("form.user.815@example.net", "x", "y").withForm(TicketForm.of("support-contact",
                        null, null, List.of(new FormConsent("no-such-purpose", 1)))), FORM));
        assertTrue(unknown.field().contains("purpose"), unknown.getMessage());
        assertEquals(1, fixture.tickets.search(org.steward.tickets.TicketQuery.all().person(person), AGENT).size(),
                "a refused consent opens no ticket");
        assertThrows(ValidationException.class, () -> fixture.tickets.open(NewTicket.fromEmail(
                "form.user.815@example.net", "x", "y").withAssignee(AGENT.userId()), FORM), "forms cannot assign");
    }

    @Test
    void customersChangeTheirOwnDetailsButNotTheirEmailAddress() {
        Ticket ticket = fixture.tickets.open(NewTicket.fromEmail("self.service.99@example.net", "Address change",
                "I moved.").withRequesterName("Sam", "Selbst"), AGENT);
        PersonId person = ticket.requester().orElseThrow();
        Actor self = CustomerActor.of(person, Optional.of("203.0.113.5"), Optional.of("portal-session"));

        ValidationException email = assertThrows(ValidationException.class, () -> fixture.contactDetails()
                .updateOwnContact(person, Map.of("email", "someone.else@example.net"), self));
        assertEquals("email", email.field());
        ValidationException mixed = assertThrows(ValidationException.class, () -> fixture.contactDetails()
                .updateOwnContact(person, Map.of("lastName", "Anders", "email", "x@example.net"), self));
        assertEquals("email", mixed.field());
        assertEquals("Selbst", fixture.contacts.byPerson(person, Actor.system()).orElseThrow().lastName(),
                "nothing of a refused change is written");
        assertThrows(ValidationException.class,
                () -> fixture.contactDetails().updateOwnContact(person, Map.of("ownerUserId", "me"), self));

        Contact changed = fixture.contactDetails().updateOwnContact(person, Map.of("lastName", "Anders",
                "address.city", "Kraków"), self);
        assertEquals("Anders", changed.lastName());
        Contact stored = fixture.contacts.byPerson(person, Actor.system()).orElseThrow();
        assertEquals("Anders", stored.lastName());
        assertEquals("Kraków", stored.address().city());
        assertEquals("self.service.99@example.net", stored.email());

        assertThrows(AccessDeniedException.class, () -> fixture.contactDetails().updateOwnContact(person,
                Map.of("lastName", "Hijack"), CustomerActor.of(PersonId.random())), "only the person themself");
        assertThrows(AccessDeniedException.class,
                () -> fixture.contactDetails().updateOwnContact(person, Map.of("lastName", "Staff"), AGENT));
    }

    @Test
    void aRestrictedPersonsTicketsRefuseChangesUntilTheRestrictionIsLifted() {
        Ticket ticket = fixture.tickets.open(NewTicket.fromEmail("restricted.rita@example.net", "Complaint",
                "I object."), AGENT);
        PersonId person = ticket.requester().orElseThrow();
        fixture.provider().restrict(person, true, Actor.system());
        fixture.provider().restrict(person, true, Actor.system());
        assertTrue(fixture.provider().isRestricted(person));
        assertThrows(ProcessingRestrictedException.class,
                () -> fixture.tickets.reply(ticket.id(), "answer", List.of(), false, AGENT));
        assertThrows(ProcessingRestrictedException.class,
                () -> fixture.tickets.changeStatus(ticket.id(), TicketStatus.SOLVED, AGENT));
        assertThrows(ProcessingRestrictedException.class, () -> fixture.tickets.customerReply(ticket.id(), "more",
                List.of(), CustomerActor.of(person)));
        assertThrows(ProcessingRestrictedException.class,
                () -> fixture.tickets.open(NewTicket.forPerson(person, "new", "text", TicketChannel.PHONE), AGENT));
        assertThrows(ProcessingRestrictedException.class, () -> fixture.contactDetails().updateOwnContact(person,
                Map.of("lastName", "X"), CustomerActor.of(person)));
        assertTrue(fixture.tickets.get(ticket.id(), AGENT).ticket().restricted(), "still stored and shown as such");
        assertTrue(!fixture.provider().export(person, Actor.system()).isEmpty(), "rights handling goes on");

        fixture.provider().restrict(person, false, Actor.system());
        fixture.tickets.reply(ticket.id(), "answer", List.of(), false, AGENT);
        assertEquals(TicketStatus.OPEN, fixture.tickets.get(ticket.id(), AGENT).ticket().status());
    }
}
