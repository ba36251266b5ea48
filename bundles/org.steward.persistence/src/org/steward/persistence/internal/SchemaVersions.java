package org.steward.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import org.steward.core.ConflictException;
import org.steward.core.UnavailableException;
import org.steward.persistence.PersistenceUnit;

/**
 * Records the schema version of every persistence unit and runs a module's migration steps, one transaction per step,
 * before its entities are mapped.
 */
final class SchemaVersions {

    static final String TABLE = "STEWARD_SCHEMA";

    private final DataSource dataSource;
    private final Clock clock;

    SchemaVersions(DataSource dataSource, Clock clock) throws SQLException {
        this.dataSource = dataSource;
        this.clock = clock;
        try (Connection connection = dataSource.getConnection()) {
            Tables.ensure(connection, TABLE, "CREATE TABLE " + TABLE + " (UNIT_NAME VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " SCHEMA_VERSION INTEGER NOT NULL, UPDATED_AT TIMESTAMP NOT NULL)");
        }
    }

    Optional<Integer> version(String unit) {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, unit);
        } catch (SQLException e) {
            throw new UnavailableException("Cannot read the schema version of " + unit + ": " + e.getMessage());
        }
    }

    /** Brings the unit's tables to its declared version; refuses a database that is newer than the module. */
    void upgrade(PersistenceUnit unit) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Optional<Integer> recorded = read(connection, unit.name());
            if (recorded.isEmpty()) {
                write(connection, unit.name(), unit.schemaVersion(), true);
                connection.commit();
                return;
            }
            int current = recorded.get();
            if (current > unit.schemaVersion()) {
                connection.rollback();
                throw new ConflictException("The database holds schema version " + current + " of '" + unit.name()
                        + "', newer than the installed module expects (" + unit.schemaVersion()
                        + "). Install the newer module again or restore a backup taken before the upgrade.");
            }
            while (current < unit.schemaVersion()) {
                try {
                    unit.migration().migrate(current, connection);
                    write(connection, unit.name(), current + 1, false);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw new UnavailableException("Migrating '" + unit.name() + "' from schema version " + current
                            + " to " + (current + 1) + " failed and was rolled back: " + e.getMessage());
                }
                current++;
            }
            connection.commit();
        } catch (SQLException e) {
            throw new UnavailableException("Cannot record the schema version of '" + unit.name() + "': "
                    + e.getMessage());
        }
    }

    private static Optional<Integer> read(Connection connection, String unit) throws SQLException {
        try (PreparedStatement select = connection
                .prepareStatement("SELECT SCHEMA_VERSION FROM " + TABLE + " WHERE UNIT_NAME = ?")) {
            select.setString(1, unit);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private void write(Connection connection, String unit, int version, boolean insert) throws SQLException {
        String sql = insert ? "INSERT INTO " + TABLE + " (SCHEMA_VERSION, UPDATED_AT, UNIT_NAME) VALUES (?, ?, ?)"
                : "UPDATE " + TABLE + " SET SCHEMA_VERSION = ?, UPDATED_AT = ? WHERE UNIT_NAME = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, version);
            statement.setTimestamp(2, Timestamp.from(clock.instant()));
            statement.setString(3, unit);
            statement.executeUpdate();
        }
    }
}
