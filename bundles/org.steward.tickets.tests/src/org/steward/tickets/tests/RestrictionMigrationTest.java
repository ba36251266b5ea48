package org.steward.tickets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.testing.Osgi;
import org.steward.tickets.NewTicket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.Tickets;

/**
 * Schema 1 kept the restriction locks in a JPA table of its own shape ({@code RESTRICTED_AT}); schema 2 moves them
 * into the shared shape ({@code PERSON_ID, SINCE}) when the module starts, and they keep refusing processing.
 */
class RestrictionMigrationTest {

    private static final BundleContext CONTEXT = Osgi.context(RestrictionMigrationTest.class);

    @AfterAll
    static void defaults() throws Exception {
        TicketsFixture.reset(CONTEXT);
    }

    @Test
    void version1LocksMoveIntoTheSharedShapeAndStillRefuse() throws Exception {
        TicketsFixture fixture = TicketsFixture.fresh(CONTEXT, Map.of());
        PersonId person = PersonId.random();
        Instant since = Instant.parse("2030-11-05T10:15:30Z");
        try (Connection c = fixture.persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE TICKETS_RESTRICTION");
            s.execute("CREATE TABLE TICKETS_RESTRICTION (PERSON_ID VARCHAR(36) NOT NULL PRIMARY KEY, "
                    + "RESTRICTED_AT TIMESTAMP NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO TICKETS_RESTRICTION (PERSON_ID, "
                    + "RESTRICTED_AT) VALUES (?, ?)")) {
                insert.setString(1, person.toString());
                insert.setTimestamp(2, Timestamp.from(since));
                insert.executeUpdate();
            }
            assertEquals(1, s.executeUpdate("UPDATE STEWARD_SCHEMA SET SCHEMA_VERSION = 1 WHERE UNIT_NAME = "
                    + "'steward.tickets'"));
        }

        Object oldTickets = fixture.tickets;
        Object oldProvider = fixture.provider();
        Osgi.restart(CONTEXT, "org.steward.tickets");
        Tickets tickets = Osgi.service(CONTEXT, Tickets.class, t -> t != oldTickets);
        PersonalDataProvider provider = Osgi.service(CONTEXT, PersonalDataProvider.class,
                p -> Tickets.MODULE.equals(p.module()) && p != oldProvider);

        assertEquals(2, fixture.count("SELECT SCHEMA_VERSION FROM STEWARD_SCHEMA WHERE UNIT_NAME = 'steward.tickets'"));
        Set<String> columns = columns(fixture);
        assertTrue(columns.contains("SINCE"), columns.toString());
        assertFalse(columns.contains("RESTRICTED_AT"), columns.toString());
        assertEquals(1, fixture.count("SELECT COUNT(*) FROM TICKETS_RESTRICTION"));
        try (Connection c = fixture.persistence.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SINCE FROM TICKETS_RESTRICTION")) {
            assertTrue(rs.next());
            assertEquals(since, rs.getTimestamp(1).toInstant(), "the lock keeps its time");
        }
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM SYS.SYSTABLES WHERE TABLENAME = "
                + "'TICKETS_RESTRICTION_V1'"), "the copy made on the way is gone");

        assertTrue(provider.isRestricted(person));
        assertThrows(ProcessingRestrictedException.class, () -> tickets.open(NewTicket.forPerson(person, "Question",
                "Anyone there?", TicketChannel.PHONE), Actor.system()));
        provider.restrict(person, false, Actor.system());
        assertFalse(provider.isRestricted(person));
    }

    private static Set<String> columns(TicketsFixture fixture) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = fixture.persistence.dataSource().getConnection();
                ResultSet rs = c.getMetaData().getColumns(null, null, "TICKETS_RESTRICTION", null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }
}
