package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.steward.core.StewardException;
import org.steward.core.UnavailableException;

/** JDBC on the shared data source, one transaction per call. Messages never carry bound values. */
final class Db {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, work);
        } catch (SQLException e) {
            throw new UnavailableException("The contacts database failed: " + e.getMessage(), e);
        }
    }

    /**
     * One transaction that reads without locks. The level is set before the transaction begins and put back after
     * it: PostgreSQL refuses to change it inside one, and asking for the level there (a query) already begins one.
     */
    <T> T txReadUncommitted(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            int before = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            try {
                return inTransaction(c, work);
            } finally {
                c.setTransactionIsolation(before);
            }
        } catch (SQLException e) {
            throw new UnavailableException("The contacts database failed: " + e.getMessage(), e);
        }
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(c);
            throw e;
        }
    }

    Connection open() {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new UnavailableException("The contacts database failed: " + e.getMessage(), e);
        }
    }

    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    static RuntimeException failure(SQLException e) {
        return new UnavailableException("The contacts database failed: " + e.getMessage(), e);
    }

    static PreparedStatement bind(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
        return s;
    }

    static long count(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = bind(c, sql, values); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = bind(c, sql, values)) {
            return s.executeUpdate();
        }
    }

    static boolean isDomain(Throwable e) {
        return e instanceof StewardException;
    }
}
