package org.steward.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import org.steward.core.StewardException;

/**
 * Short JDBC transactions on the shared data source, for modules that write their own tables with SQL (bulk import,
 * blind-index tables). Same policy as {@link Transactions}: failures are rolled back and translated once by
 * {@link DatabaseErrors}, without the driver's message; {@link #writeRetrying} attempts transient failures again.
 *
 * @since 1.1
 */
public final class JdbcTransactions {

    /** Work on a connection inside a transaction; it must not commit, roll back or close the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String subject;

    private JdbcTransactions(DataSource dataSource, String subject) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    /** @param subject what the tables hold, in words, for error messages ({@code "the contacts database"}) */
    public static JdbcTransactions of(DataSource dataSource, String subject) {
        return new JdbcTransactions(dataSource, subject);
    }

    /** Runs {@code work} in a transaction at the data source's default isolation and commits it; one attempt. */
    public <T> T write(Work<T> work) {
        return inTransaction(-1, work, 1);
    }

    /**
     * {@link #write(Work)}, attempted again after a deadlock or serialization failure (see
     * {@link Transactions#writeRetrying}): only for work whose every effect is inside the transaction.
     */
    public <T> T writeRetrying(Work<T> work) {
        return inTransaction(-1, work, Transactions.ATTEMPTS);
    }

    /**
     * Runs {@code work} in a transaction at {@code isolation} (a {@link Connection} {@code TRANSACTION_*} level). The
     * level is set before the transaction begins and put back after it: PostgreSQL refuses a change inside one.
     */
    public <T> T write(int isolation, Work<T> work) {
        return inTransaction(isolation, work, 1);
    }

    /** Reads in a transaction that is rolled back at the end (nothing it did can be committed by mistake). */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                rollback(c);
            }
        } catch (SQLException | RuntimeException e) {
            throw DatabaseErrors.translate(e, subject);
        }
    }

    /**
     * A connection with auto-commit off, for work that spans many transactions on one connection (an import's
     * batches); the caller commits and closes it and translates failures with {@link #failure(Throwable)}.
     */
    public Connection open() {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The domain error for a failure of work on these tables. */
    public StewardException failure(Throwable failure) {
        return DatabaseErrors.translate(failure, subject);
    }

    private <T> T inTransaction(int isolation, Work<T> work, int attempts) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                int before = c.getTransactionIsolation();
                boolean autoCommit = c.getAutoCommit();
                if (isolation >= 0 && isolation != before) {
                    c.setTransactionIsolation(isolation);
                }
                try {
                    c.setAutoCommit(false);
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollback(c);
                    throw e;
                } finally {
                    // the connection goes back as it came: a pooled one is handed to the next caller as it is
                    if (isolation >= 0 && isolation != before) {
                        c.setTransactionIsolation(before);
                    }
                    if (autoCommit) {
                        c.setAutoCommit(true);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!(e instanceof StewardException) && DatabaseErrors.isTransient(e) && attempt < attempts) {
                    Transactions.pause(attempt);
                    continue;
                }
                throw DatabaseErrors.translate(e, subject);
            }
        }
    }

    /** Rolls back, keeping the failure that caused it as the one reported. */
    public static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    /** A statement with its values bound in order. */
    public static PreparedStatement bind(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
        return s;
    }

    /** The first column of the first row of a query as a number, 0 when there is no row. */
    public static long count(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = bind(c, sql, values); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Runs an update with its values bound in order and returns the rows it changed. */
    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = bind(c, sql, values)) {
            return s.executeUpdate();
        }
    }
}
