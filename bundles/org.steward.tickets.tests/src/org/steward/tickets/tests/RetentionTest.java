package org.steward.tickets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.DataSource;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionResult;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.Osgi;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketStatus;

/** Closed tickets age out (anonymised, or recycled and purged); dry runs change nothing. */
class RetentionTest {

    private static final BundleContext CONTEXT = Osgi.context(RetentionTest.class);
    private static TicketsFixture fixture;
    private static final Actor AGENT = TicketsFixture.agent("agent-r1");
    private static PersonId customer;

    @BeforeAll
    static void database() throws Exception {
        fixture = TicketsFixture.fresh(CONTEXT, Map.of("closedRetentionMonths", 12));
        fixture.team("Support-R");
        fixture.user(AGENT.userId(), "Support-R", DefaultProfiles.SUPPORT_AGENT);
        customer = fixture.contacts.create(ContactDraft.of("Rita", "Retention", "rita.retention@example.org"),
                DataSource.manual("test", Instant.now()), Actor.system()).person();
    }

    @AfterAll
    static void defaults() throws Exception {
        TicketsFixture.reset(CONTEXT);
    }

    private static Ticket closedAt(Instant when) {
        fixture.clock.set(when.minus(Duration.ofDays(2)));
        Ticket t = fixture.tickets.open(NewTicket.forPerson(customer, "Old matter", "Old-text-1212",
                TicketChannel.EMAIL).withTeam("Support-R"), AGENT);
        fixture.clock.set(when);
        fixture.tickets.changeStatus(t.id(), TicketStatus.CLOSED, AGENT);
        return t;
    }

    @Test
    void closedTicketsPastTheCutoffAreAnonymisedAndADryRunChangesNothing() {
        RetentionCategory category = fixture.retention().categories().get(0);
        assertEquals("tickets-closed", category.name());
        assertEquals(RetentionCategory.Action.ANONYMISE, category.action());
        assertEquals(12, category.defaultMonths());

        Ticket old = closedAt(Instant.parse("2029-01-10T10:00:00Z"));
        Ticket recent = closedAt(Instant.parse("2031-02-10T10:00:00Z"));
        Instant cutoff = Instant.parse("2030-03-01T00:00:00Z");
        RetentionResult dry = fixture.retention().expire("tickets-closed", cutoff, true, Actor.system());
        assertTrue(dry.recordIds().contains(old.id().value()) && !dry.recordIds().contains(recent.id().value()));
        assertFalse(fixture.tickets.get(old.id(), AGENT).ticket().anonymised(), "a dry run changes nothing");

        RetentionResult real = fixture.retention().expire("tickets-closed", cutoff, false, Actor.system());
        assertEquals(dry.recordIds(), real.recordIds());
        assertTrue(fixture.tickets.get(old.id(), AGENT).ticket().anonymised());
        assertFalse(fixture.tickets.get(recent.id(), AGENT).ticket().anonymised());
        assertEquals(0, fixture.retention().expire("tickets-closed", cutoff, false, Actor.system()).affected(),
                "idempotent");
        assertThrows(ValidationException.class,
                () -> fixture.retention().expire("contacts-old", cutoff, true, Actor.system()));
        assertThrows(AccessDeniedException.class,
                () -> fixture.retention().expire("tickets-closed", cutoff, true, AGENT), "agents do not purge");
    }

    @Test
    void recycledTicketsArePurgedAfterTheRecycleBinPeriod() throws Exception {
        fixture.configure(Map.of("closedRetentionMonths", 12, "closedAction", "recycle"));
        try {
            assertEquals(RetentionCategory.Action.RECYCLE, fixture.retention().categories().get(0).action());
            Ticket old = closedAt(Instant.parse("2028-05-05T10:00:00Z"));
            fixture.clock.set(Instant.parse("2031-01-01T00:00:00Z"));
            RetentionResult moved = fixture.retention().expire("tickets-closed",
                    Instant.parse("2029-01-01T00:00:00Z"), false, Actor.system());
            assertTrue(moved.recordIds().contains(old.id().value()));
            assertThrows(NotFoundException.class, () -> fixture.tickets.get(old.id(), AGENT), "in the recycle bin");
            assertEquals(1, fixture.count("SELECT COUNT(*) FROM TICKETS_TICKET WHERE ID = '" + old.id() + "'"));

            RetentionResult early = fixture.retention().purgeRecycleBin(Instant.parse("2030-12-01T00:00:00Z"),
                    false, Actor.system());
            assertFalse(early.recordIds().contains(old.id().value()), "not yet long enough in the recycle bin");
            RetentionResult dry = fixture.retention().purgeRecycleBin(Instant.parse("2031-03-01T00:00:00Z"), true,
                    Actor.system());
            assertTrue(dry.recordIds().contains(old.id().value()));
            assertEquals(1, fixture.count("SELECT COUNT(*) FROM TICKETS_TICKET WHERE ID = '" + old.id() + "'"));
            RetentionResult purged = fixture.retention().purgeRecycleBin(Instant.parse("2031-03-01T00:00:00Z"),
                    false, Actor.system());
            assertEquals(RetentionResult.RECYCLE_BIN, purged.category());
            assertTrue(purged.recordIds().contains(old.id().value()));
            assertEquals(0, fixture.count("SELECT COUNT(*) FROM TICKETS_TICKET WHERE ID = '" + old.id() + "'"));
            assertEquals(0, fixture.count("SELECT COUNT(*) FROM TICKETS_MESSAGE WHERE TICKET_ID = '" + old.id()
                    + "'"));

            Ticket deleted = fixture.tickets.open(NewTicket.forPerson(customer, "Spam", "spam", TicketChannel.API)
                    .withTeam("Support-R"), AGENT);
            assertThrows(AccessDeniedException.class, () -> fixture.tickets.delete(deleted.id(), AGENT),
                    "the Support agent profile does not delete");
            fixture.tickets.delete(deleted.id(), Actor.console("tester"));
            assertThrows(NotFoundException.class, () -> fixture.tickets.get(deleted.id(), AGENT));
            assertEquals(List.of(deleted.id().value()), fixture.retention().purgeRecycleBin(
                    fixture.clock.instant().plusSeconds(1), false, Actor.system()).recordIds());
        } finally {
            fixture.configure(Map.of("closedRetentionMonths", 12));
        }
    }
}
