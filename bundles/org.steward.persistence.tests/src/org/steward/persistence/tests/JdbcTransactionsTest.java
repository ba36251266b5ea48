package org.steward.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.core.ConflictException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.persistence.JdbcTransactions;
import org.steward.testing.Osgi;

/** {@link JdbcTransactions} on the real data source (embedded Derby). */
class JdbcTransactionsTest {

    private static SharedDatabase database;
    private static JdbcTransactions tx;

    @BeforeAll
    static void createTable() throws Exception {
        database = SharedDatabase.fresh(Osgi.context(JdbcTransactionsTest.class), "jdbc-transactions");
        try (Connection c = database.persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE JDBC_NOTE (ID VARCHAR(36) NOT NULL PRIMARY KEY, TEXT VARCHAR(400))");
        }
        tx = JdbcTransactions.of(database.persistence.dataSource(), "the probe tables");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static long count(String id) {
        return tx.read(c -> JdbcTransactions.count(c, "SELECT COUNT(*) FROM JDBC_NOTE WHERE ID = ?", id));
    }

    private static int insert(Connection c, String id, String text) throws SQLException {
        return JdbcTransactions.update(c, "INSERT INTO JDBC_NOTE (ID, TEXT) VALUES (?, ?)", id, text);
    }

    @Test
    void writeCommits() {
        String id = UUID.randomUUID().toString();
        assertEquals(1, tx.write(c -> insert(c, id, "kept")));
        assertEquals(1, count(id));
    }

    @Test
    void aFailureRollsBackAndIsTranslated() {
        String id = UUID.randomUUID().toString();
        UnavailableException failure = assertThrows(UnavailableException.class, () -> tx.write(c -> {
            insert(c, id, "half-written");
            return JdbcTransactions.update(c, "UPDATE NO_SUCH_TABLE SET X = 1");
        }));
        assertTrue(failure.getMessage().startsWith("The probe tables failed (SQLSTATE 42"), failure.getMessage());
        assertFalse(failure.getMessage().contains("NO_SUCH_TABLE"), failure.getMessage());
        assertEquals(0, count(id));
    }

    @Test
    void aSerializationFailureIsRetriedAndThenSucceeds() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        AtomicInteger attempts = new AtomicInteger();
        int written = tx.writeRetrying(c -> {
            if (attempts.incrementAndGet() == 1) {
                insert(c, first, "rolled back");
                throw new SQLException("A lock could not be obtained due to a deadlock", "40001");
            }
            return insert(c, second, "second attempt");
        });
        assertEquals(1, written);
        assertEquals(2, attempts.get());
        assertEquals(0, count(first));
        assertEquals(1, count(second));
    }

    @Test
    void domainErrorsPassThroughUnchanged() {
        String id = UUID.randomUUID().toString();
        ValidationException refused = new ValidationException("text", "is too long");
        AtomicInteger attempts = new AtomicInteger();
        StewardException thrown = assertThrows(ValidationException.class, () -> tx.write(c -> {
            attempts.incrementAndGet();
            insert(c, id, "before the refusal");
            throw refused;
        }));
        assertSame(refused, thrown);
        assertEquals(1, attempts.get());
        assertEquals(0, count(id));
    }

    @Test
    void aUniqueKeyViolationIsAConflictThatNamesNoValue() {
        String id = UUID.randomUUID().toString();
        tx.write(c -> insert(c, id, "first"));
        ConflictException conflict = assertThrows(ConflictException.class, () -> tx.write(c -> insert(c, id, "again")));
        assertFalse(conflict.getMessage().contains(id), conflict.getMessage());
        assertFalse(conflict.getMessage().toUpperCase().contains("JDBC_NOTE"), conflict.getMessage());
        assertNull(conflict.getCause());

        String value = "anna.nowak@example.com";
        ConflictException quoted = assertThrows(ConflictException.class, () -> tx.write(c -> {
            throw new SQLException("ERROR: duplicate key value violates unique constraint \"note_email\"\n"
                    + "  Detail: Key (email)=(" + value + ") already exists.", "23505");
        }));
        assertFalse(quoted.getMessage().contains(value), quoted.getMessage());
        assertTrue(quoted.getMessage().contains("23505"), "the SQLSTATE is kept: " + quoted.getMessage());
    }

    @Test
    void readRollsBackWhatItDid() {
        String id = UUID.randomUUID().toString();
        assertEquals(1, tx.read(c -> insert(c, id, "never committed")));
        assertEquals(0, count(id));
    }

    @Test
    void theIsolationLevelIsSetForTheTransactionAndRestoredAfterIt() throws Exception {
        try (Connection real = database.persistence.dataSource().getConnection()) {
            int before = real.getTransactionIsolation();
            assertTrue(before != Connection.TRANSACTION_SERIALIZABLE, "the default is a weaker level");
            JdbcTransactions onOne = JdbcTransactions.of(reusing(real), "the probe tables");

            int inside = onOne.write(Connection.TRANSACTION_SERIALIZABLE, c -> {
                assertFalse(c.getAutoCommit());
                return c.getTransactionIsolation();
            });
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, inside);
            assertEquals(before, real.getTransactionIsolation(), "restored after a commit");
            assertTrue(real.getAutoCommit(), "auto-commit is back on, as the connection came");

            assertThrows(UnavailableException.class, () -> onOne.write(Connection.TRANSACTION_SERIALIZABLE,
                    c -> JdbcTransactions.update(c, "UPDATE NO_SUCH_TABLE SET X = 1")));
            assertEquals(before, real.getTransactionIsolation(), "restored after a failure");

            int unchanged = onOne.write(c -> c.getTransactionIsolation());
            assertEquals(before, unchanged, "write without a level keeps the default");
        }
    }

    /** A data source that hands out one real connection whose close is ignored, to see what a pool would get back. */
    private static DataSource reusing(Connection real) {
        Connection shared = (Connection) Proxy.newProxyInstance(JdbcTransactionsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return shared;
            }

            @Override
            public Connection getConnection(String username, String password) {
                return shared;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }
}
