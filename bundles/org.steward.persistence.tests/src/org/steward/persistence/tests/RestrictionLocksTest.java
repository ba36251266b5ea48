package org.steward.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.core.PersonId;
import org.steward.persistence.JdbcTransactions;
import org.steward.persistence.RestrictionLocks;
import org.steward.persistence.Transactions;
import org.steward.testing.Osgi;

/** The one shape of the Art. 18 lock, on a JDBC connection and inside a JPA transaction of a real unit. */
class RestrictionLocksTest {

    private static final Instant SINCE = Instant.parse("2026-03-01T10:15:30Z");

    private static SharedDatabase database;
    private static JdbcTransactions jdbc;
    private static Transactions jpa;

    @BeforeAll
    static void openDatabase() throws Exception {
        database = SharedDatabase.fresh(Osgi.context(RestrictionLocksTest.class), "restriction-locks");
        jdbc = JdbcTransactions.of(database.persistence.dataSource(), "the probe tables");
        jpa = Transactions.of(database.probe, "the probe database");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static PersonId person() {
        return new PersonId(UUID.randomUUID());
    }

    @Test
    void prefixIsATablePrefix() {
        assertEquals("TICKETS_RESTRICTION", RestrictionLocks.of("TICKETS").table());
        assertThrows(IllegalArgumentException.class, () -> RestrictionLocks.of("tickets; DROP TABLE X"));
        assertThrows(IllegalArgumentException.class, () -> RestrictionLocks.of(""));
    }

    @Test
    void createRestrictLiftOnAJdbcConnection() throws Exception {
        RestrictionLocks locks = RestrictionLocks.of("PROBE_JDBC");
        PersonId anna = person();
        PersonId ben = person();
        PersonId carl = person();
        jdbc.write(c -> {
            assertFalse(locks.exists(c));
            locks.createIfMissing(c);
            locks.createIfMissing(c); // a second start finds the table and leaves it
            assertTrue(locks.exists(c));
            return null;
        });
        assertTrue(jdbc.write(c -> locks.restrict(c, anna, SINCE)));
        assertFalse(jdbc.write(c -> locks.restrict(c, anna, SINCE.plusSeconds(60))), "already restricted");
        assertTrue(jdbc.write(c -> locks.restrict(c, ben, SINCE)));

        assertTrue(jdbc.read(c -> locks.isRestricted(c, anna)));
        assertFalse(jdbc.read(c -> locks.isRestricted(c, carl)));
        assertFalse(jdbc.read(c -> locks.isRestricted(c, null)));
        List<String> asked = new ArrayList<>(List.of(anna.toString(), carl.toString(), anna.toString()));
        asked.add(null);
        assertEquals(Set.of(anna.toString()), jdbc.read(c -> locks.restrictedAmong(c, asked)));
        assertEquals(Set.of(anna.toString(), ben.toString()), jdbc.read(locks::all));
        assertEquals(SINCE, since(locks, anna), "the first restriction's time is kept");

        assertTrue(jdbc.write(c -> locks.lift(c, anna)));
        assertFalse(jdbc.write(c -> locks.lift(c, anna)), "nothing left to lift");
        assertFalse(jdbc.read(c -> locks.isRestricted(c, anna)));
        assertEquals(Set.of(ben.toString()), jdbc.read(locks::all));
    }

    @Test
    void restrictedAmongManyPeopleAsksInChunks() throws Exception {
        RestrictionLocks locks = RestrictionLocks.of("PROBE_MANY");
        jdbc.write(c -> {
            locks.createIfMissing(c);
            return null;
        });
        List<String> everyone = new ArrayList<>();
        Set<String> restricted = new java.util.HashSet<>();
        for (int i = 0; i < 1200; i++) {
            PersonId p = person();
            everyone.add(p.toString());
            if (i % 100 == 7) {
                restricted.add(p.toString());
                jdbc.write(c -> locks.restrict(c, p, SINCE));
            }
        }
        assertEquals(restricted, jdbc.read(c -> locks.restrictedAmong(c, everyone)));
        assertEquals(restricted, jpa.read(em -> locks.restrictedAmong(em, everyone)));
    }

    @Test
    void createRestrictLiftInsideAJpaTransaction() throws Exception {
        RestrictionLocks locks = RestrictionLocks.of("PROBE_JPA");
        jdbc.write(c -> {
            locks.createIfMissing(c);
            return null;
        });
        PersonId anna = person();
        PersonId ben = person();
        String noteId = UUID.randomUUID().toString();
        assertTrue(jpa.write(em -> {
            em.persist(new ProbeNote(noteId, "stored with the lock"));
            return locks.restrict(em, anna, SINCE);
        }));
        assertFalse(jpa.write(em -> locks.restrict(em, anna, SINCE)));
        assertTrue(jpa.read(em -> locks.isRestricted(em, anna)));
        assertFalse(jpa.read(em -> locks.isRestricted(em, ben)));
        assertFalse(jpa.read(em -> locks.isRestricted(em, null)));
        assertEquals(Set.of(anna.toString()),
                jpa.read(em -> locks.restrictedAmong(em, List.of(anna.toString(), ben.toString()))));
        assertEquals(Set.of(anna.toString()), jpa.read(em -> locks.all(em)));
        assertTrue(jdbc.read(c -> locks.isRestricted(c, anna)), "the JPA lock is the same row JDBC reads");
        assertTrue(jpa.read(em -> em.find(ProbeNote.class, noteId)) != null);
    }

    @Test
    void aLockTakenInAFailedJpaTransactionIsRolledBack() {
        RestrictionLocks locks = RestrictionLocks.of("PROBE_ROLLBACK");
        jdbc.write(c -> {
            locks.createIfMissing(c);
            return null;
        });
        PersonId ben = person();
        assertThrows(RuntimeException.class, () -> jpa.run(em -> {
            locks.restrict(em, ben, SINCE);
            throw new IllegalStateException("the work failed after the lock");
        }));
        assertFalse(jpa.read(em -> locks.isRestricted(em, ben)));

        assertTrue(jpa.write(em -> locks.restrict(em, ben, SINCE)));
        assertTrue(jpa.write(em -> locks.lift(em, ben)));
        assertFalse(jpa.write(em -> locks.lift(em, ben)));
        assertFalse(jdbc.read(c -> locks.isRestricted(c, ben)));
    }

    private static Instant since(RestrictionLocks locks, PersonId person) {
        return jdbc.read(c -> {
            try (var s = JdbcTransactions.bind(c, "SELECT SINCE FROM " + locks.table() + " WHERE PERSON_ID = ?",
                    person.toString()); ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t.toInstant();
            }
        });
    }
}
