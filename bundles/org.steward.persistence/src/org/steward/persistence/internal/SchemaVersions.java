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
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.persistence.JdbcTransactions;
import org.steward.persistence.PersistenceUnit;

/**
 * Records the schema version of every persistence unit and runs a module's migration steps, one transaction per step,
 * before its entities are mapped.
 */
final class SchemaVersions {

    static final String TABLE = "STEWARD_SCHEMA";

    private final JdbcTransactions tx;
    private final Clock clock;

    SchemaVersions(DataSource dataSource, Clock clock) throws SQLException {
        this.tx = JdbcTransactions.of(dataSource, "the schema register");
        this.clock = clock;
        try (Connection connection = dataSource.getConnection()) {
            Tables.ensure(connection, TABLE, "CREATE TABLE " + TABLE + " (UNIT_NAME VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " SCHEMA_VERSION INTEGER NOT NULL, UPDATED_AT TIMESTAMP NOT NULL)");
        }
    }

    Optional<Integer> version(String unit) {
        return tx.read(connection -> read(connection, unit));
    }

    /**
     * Brings the unit's tables to its declared version, one transaction per step; refuses a database that is newer
     * than the module.
     */
    void upgrade(PersistenceUnit unit) {
        Optional<Integer> recorded = tx.write(connection -> {
            Optional<Integer> found = read(connection, unit.name());
            if (found.isEmpty()) {
                write(connection, unit.name(), unit.schemaVersion(), true);
            }
            return found;
        });
        if (recorded.isEmpty()) {
            return;
        }
        int current = recorded.get();
        if (current > unit.schemaVersion()) {
            throw new ConflictException("The database holds schema version " + current + " of '" + unit.name()
                    + "', newer than the installed module expects (" + unit.schemaVersion()
                    + "). Install the newer module again or restore a backup taken before the upgrade.");
        }
        while (current < unit.schemaVersion()) {
            int from = current;
            try {
                tx.write(connection -> {
                    unit.migration().migrate(from, connection);
                    write(connection, unit.name(), from + 1, false);
                    return null;
                });
            } catch (StewardException e) {
                throw new UnavailableException("Migrating '" + unit.name() + "' from schema version " + from
                        + " to " + (from + 1) + " failed and was rolled back: " + e.getMessage());
            }
            current++;
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
