package org.steward.tickets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.consent.ConsentState;
import org.steward.consent.Consents;
import org.steward.contacts.Contact;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.Osgi;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.CustomerContactDetails;
import org.steward.tickets.FormConsent;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketForm;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.TicketStatus;

/**
 * The tickets module stands alone: with the contacts and consent bundles stopped, its own operations go on, the
 * features that need those modules answer that they are not installed, and they work again once the bundles are back,
 * without a restart of the tickets module.
 */
class StandAloneTest {

    private static final BundleContext CONTEXT = Osgi.context(StandAloneTest.class);
    private static final Actor AGENT = TicketsFixture.agent("agent-s1");
    private static final String CONTACTS_BRIDGE = "org.steward.tickets.internal.RequesterContacts";
    private static final String CONSENT_BRIDGE = "org.steward.tickets.internal.FormConsents";
    private static TicketsFixture fixture;

    @BeforeAll
    static void database() throws Exception {
        fixture = TicketsFixture.fresh(CONTEXT, Map.of());
        fixture.team("Support-S");
        fixture.user(AGENT.userId(), "Support-S", DefaultProfiles.SUPPORT_AGENT);
    }

    @AfterAll
    static void defaults() throws Exception {
        TicketsFixture.reset(CONTEXT);
    }

    @Test
    void withoutContactsAndConsentTheHelpdeskWorksAndTheirFeaturesComeBackWithThem() throws Exception {
        Ticket before = fixture.tickets.open(NewTicket.fromEmail("stand.alone.1@example.net", "Before", "Hello")
                .withTeam("Support-S"), AGENT);
        PersonId person = before.requester().orElseThrow();
        Actor self = CustomerActor.of(person);
        Bundle contacts = Osgi.bundle(CONTEXT, "org.steward.contacts");
        Bundle consent = Osgi.bundle(CONTEXT, "org.steward.consent");
        Object ticketsBefore = fixture.tickets;
        try {
            consent.stop();
            contacts.stop();
            awaitService(CONTACTS_BRIDGE, false);
            awaitService(CONSENT_BRIDGE, false);
            assertFalse(Osgi.present(CONTEXT, Contacts.class));
            assertFalse(Osgi.present(CONTEXT, Consents.class));

            // the helpdesk's own work goes on, for a person known by id
            Ticket ticket = fixture.tickets.open(NewTicket.forPerson(person, "Without contacts", "Still there?",
                    TicketChannel.PHONE).withTeam("Support-S"), AGENT);
            fixture.tickets.reply(ticket.id(), "Yes, we are", List.of(), false, AGENT);
            fixture.tickets.customerReply(ticket.id(), "Thanks", List.of(), self);
            assertEquals(TicketStatus.SOLVED, fixture.tickets.changeStatus(ticket.id(), TicketStatus.SOLVED, AGENT)
                    .status());
            assertEquals(3, fixture.tickets.get(ticket.id(), AGENT).messages().size());
            assertEquals(3, fixture.tickets.customerView(ticket.id(), self).messages().size());
            assertEquals(2, fixture.tickets.search(TicketQuery.all().person(person), AGENT).size());
            assertEquals(List.of(ticket.id()), fixture.tickets.search(TicketQuery.all().text("still there"), AGENT)
                    .stream().map(Ticket::id).toList());
            assertFalse(fixture.provider().export(person, Actor.system()).isEmpty(), "the export of tickets");
            fixture.provider().restrict(person, true, Actor.system());
            assertTrue(fixture.provider().isRestricted(person));
            fixture.provider().restrict(person, false, Actor.system());
            assertEquals("tickets-closed", fixture.retention().categories().get(0).name());

            // the features that need the other modules say so, and change nothing
            assertAbsent("contacts", () -> fixture.tickets.open(NewTicket.fromEmail("stand.alone.2@example.net",
                    "By mail", "Hello"), AGENT));
            // self-service editing of contact details is a service of its own, there only with the contacts module
            awaitService(CustomerContactDetails.class.getName(), false);
            assertAbsent("consent", () -> fixture.tickets.open(NewTicket.forPerson(person, "Form", "Keep me posted",
                    TicketChannel.WEB).withForm(TicketForm.of("support-contact", null, null,
                            List.of(new FormConsent("newsletter", 1)))), self));
            assertEquals(2, fixture.tickets.search(TicketQuery.all().person(person), AGENT).size(),
                    "a refused form opened no ticket");
        } finally {
            contacts.start();
            consent.start();
        }
        awaitService(CONTACTS_BRIDGE, true);
        awaitService(CONSENT_BRIDGE, true);
        assertTrue(ticketsBefore == fixture.tickets, "the tickets service was never restarted");

        Ticket byMail = fixture.tickets.open(NewTicket.fromEmail("stand.alone.1@example.net", "Back", "By mail again")
                .withTeam("Support-S"), AGENT);
        assertEquals(Optional.of(person), byMail.requester(), "found by e-mail again");
        awaitService(CustomerContactDetails.class.getName(), true);
        Contact changed = fixture.contactDetails().updateOwnContact(person, Map.of("lastName", "Together"), self);
        assertEquals("Together", changed.lastName());
        fixture.tickets.open(NewTicket.forPerson(person, "Form", "Keep me posted", TicketChannel.WEB)
                .withForm(TicketForm.of("support-contact", null, null, List.of(new FormConsent("newsletter", 1)))),
                self);
        Consents consents = Osgi.service(CONTEXT, Consents.class);
        assertEquals(ConsentState.GRANTED, consents.current(person, "newsletter", Actor.system()).orElseThrow()
                .state());
    }

    private static void assertAbsent(String module, Executable call) {
        UnavailableException e = assertThrows(UnavailableException.class, call);
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("the " + module + " module is not installed"),
                e.getMessage());
    }

    private static void awaitService(String name, boolean present) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((CONTEXT.getServiceReference(name) != null) != present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + (present ? " did not come back" : " did not go away"));
            }
            Osgi.sleep(50);
        }
    }
}
