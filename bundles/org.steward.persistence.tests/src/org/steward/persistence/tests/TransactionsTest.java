package org.steward.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.core.ConflictException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.persistence.DatabaseErrors;
import org.steward.persistence.Transactions;
import org.steward.testing.Osgi;

import jakarta.persistence.PersistenceException;

/** {@link Transactions} on a real persistence unit in embedded Derby. */
class TransactionsTest {

    private static SharedDatabase database;
    private static Transactions tx;

    @BeforeAll
    static void openUnit() throws Exception {
        database = SharedDatabase.fresh(Osgi.context(TransactionsTest.class), "transactions");
        tx = Transactions.of(database.probe, "the probe database");
    }

    @AfterAll
    static void closeUnit() {
        database.close();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static ProbeNote stored(String id) {
        return tx.read(em -> em.find(ProbeNote.class, id));
    }

    @Test
    void writeCommitsAndReturnsTheResult() {
        String id = newId();
        String result = tx.writeRetrying(em -> {
            em.persist(new ProbeNote(id, "committed"));
            return "done";
        });
        assertEquals("done", result);
        assertEquals("committed", stored(id).text());

        tx.run(em -> em.find(ProbeNote.class, id));
        assertEquals("committed", stored(id).text());
    }

    @Test
    void aFailureRollsBackEverythingTheWorkDid() {
        String id = newId();
        assertThrows(StewardException.class, () -> tx.run(em -> {
            em.persist(new ProbeNote(id, "half-written"));
            em.flush();
            throw new IllegalStateException("the work failed after writing");
        }));
        assertNull(stored(id), "the row written before the failure is rolled back");
    }

    @Test
    void aDeadlockOrSerializationFailureIsRetriedAndThenSucceeds() {
        String first = newId();
        String second = newId();
        AtomicInteger attempts = new AtomicInteger();
        String result = tx.writeRetrying(em -> {
            int attempt = attempts.incrementAndGet();
            em.persist(new ProbeNote(attempt == 1 ? first : second, "attempt " + attempt));
            em.flush();
            if (attempt == 1) {
                throw new PersistenceException(new SQLException("deadlock detected", "40001"));
            }
            return "attempt " + attempt;
        });
        assertEquals("attempt 2", result);
        assertEquals(2, attempts.get());
        assertNull(stored(first), "the failed attempt was rolled back");
        assertEquals("attempt 2", stored(second).text());
    }

    @Test
    void aTransientFailureThatPersistsEndsAsUnavailableAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        UnavailableException busy = assertThrows(UnavailableException.class, () -> tx.writeRetrying(em -> {
            attempts.incrementAndGet();
            throw new PersistenceException(new SQLException("could not serialize access", "40001"));
        }));
        assertEquals(Transactions.ATTEMPTS, attempts.get());
        assertTrue(busy.getMessage().startsWith("The probe database is busy"), busy.getMessage());
        assertFalse(busy.getMessage().contains("serialize"), busy.getMessage());
    }

    @Test
    void plainWriteIsAttemptedOnceSoEffectsOutsideTheTransactionAreNotRepeated() {
        AtomicInteger attempts = new AtomicInteger();
        UnavailableException busy = assertThrows(UnavailableException.class, () -> tx.write(em -> {
            attempts.incrementAndGet();
            throw new PersistenceException(new SQLException("deadlock detected", "40001"));
        }));
        assertEquals(1, attempts.get());
        assertTrue(busy.getMessage().startsWith("The probe database is busy"), busy.getMessage());
    }

    @Test
    void domainErrorsPassThroughUnchangedAndAreNotRetried() {
        String id = newId();
        AtomicInteger attempts = new AtomicInteger();
        ValidationException refused = new ValidationException("text", "is required");
        ValidationException thrown = assertThrows(ValidationException.class, () -> tx.run(em -> {
            attempts.incrementAndGet();
            em.persist(new ProbeNote(id, "before the refusal"));
            em.flush();
            throw refused;
        }));
        assertSame(refused, thrown);
        assertEquals(1, attempts.get());
        assertNull(stored(id));
    }

    @Test
    void aUniqueKeyViolationIsAConflictWithoutTheDriversMessage() {
        String id = newId();
        tx.run(em -> em.persist(new ProbeNote(id, "first")));
        PersistenceException[] driver = new PersistenceException[1];
        ConflictException conflict = assertThrows(ConflictException.class, () -> tx.run(em -> {
            em.persist(new ProbeNote(id, "second"));
            try {
                em.flush();
            } catch (PersistenceException e) {
                driver[0] = e;
                throw e;
            }
        }));
        assertEquals("23505", DatabaseErrors.sqlState(driver[0]), "Derby reported a duplicate key");
        String message = conflict.getMessage();
        assertTrue(message.startsWith("The probe database refused the change"), message);
        assertFalse(message.contains(id), message);
        assertFalse(message.toUpperCase().contains("PROBE_NOTE"), "no table name from the driver: " + message);
        assertFalse(message.contains("duplicate"), "no driver text: " + message);
        assertNull(conflict.getCause(), "the driver's exception is not chained");
        assertEquals("first", stored(id).text());
    }

    @Test
    void aDriverMessageQuotingTheValueNeverReachesTheError() {
        String value = "anna.nowak@example.com";
        ConflictException conflict = assertThrows(ConflictException.class, () -> tx.run(em -> {
            throw new PersistenceException("Exception [EclipseLink-4002]: " + value, new SQLException(
                    "ERROR: duplicate key value violates unique constraint \"contact_email\"\n  Detail: Key (email)=("
                            + value + ") already exists.", "23505"));
        }));
        assertFalse(conflict.getMessage().contains(value), conflict.getMessage());
        assertFalse(conflict.getMessage().contains("contact_email"), conflict.getMessage());
        assertNull(conflict.getCause());
    }

    @Test
    void readTranslatesFailuresToo() {
        UnavailableException failure = assertThrows(UnavailableException.class,
                () -> tx.read(em -> em.createNativeQuery("SELECT X FROM NO_SUCH_TABLE").getResultList()));
        assertTrue(failure.getMessage().startsWith("The probe database failed (SQLSTATE 42"), failure.getMessage());
        assertFalse(failure.getMessage().contains("NO_SUCH_TABLE"), failure.getMessage());
    }
}
