package org.steward.persistence;

import java.sql.Connection;
import java.sql.SQLException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Upgrades a module's tables from one schema version to the next, before the module's entities are mapped. Runs in one
 * transaction per step with the recorded version, so that a failed step leaves the previous version intact. Use
 * standard SQL only: the same module runs on Derby and PostgreSQL.
 */
@ConsumerType
@FunctionalInterface
public interface SchemaMigration {

    /** For modules whose schema changes are all additions. */
    SchemaMigration NONE = (from, connection) -> {
        // additions are made by create-or-extend; nothing to migrate
    };

    /**
     * Migrates from {@code fromVersion} to {@code fromVersion + 1}.
     *
     * @param fromVersion the version the tables have now
     * @param connection a connection in a transaction; do not commit or close it
     */
    void migrate(int fromVersion, Connection connection) throws SQLException;
}
