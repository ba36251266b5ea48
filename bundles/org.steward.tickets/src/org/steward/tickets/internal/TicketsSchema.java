package org.steward.tickets.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import org.steward.persistence.SchemaMigration;

/** Steps from one schema version of the tickets unit to the next. */
final class TicketsSchema implements SchemaMigration {

    private static final String LOCKS = "TICKETS_RESTRICTION";
    private static final String OLD_LOCKS = "TICKETS_RESTRICTION_V1";

    @Override
    public void migrate(int fromVersion, Connection connection) throws SQLException {
        if (fromVersion != 1) {
            throw new IllegalStateException("no migration from tickets schema " + fromVersion);
        }
        toSharedLocks(connection);
    }

    /**
     * Version 2: the restriction locks of schema 1 (a JPA table with {@code RESTRICTED_AT}) move into the shape every
     * module shares ({@code PERSON_ID, SINCE}). Standard SQL has no portable column or table rename, so the locks are
     * copied aside, the table made again in the new shape and the locks copied back; every step is in the migration's
     * one transaction, so a failure keeps the old table with its locks.
     */
    private static void toSharedLocks(Connection c) throws SQLException {
        if (!TicketStore.LOCKS.exists(c)) {
            TicketStore.LOCKS.createIfMissing(c);
            return;
        }
        if (!hasColumn(c, LOCKS, "RESTRICTED_AT")) {
            return; // already in the shared shape
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE " + OLD_LOCKS
                    + " (PERSON_ID VARCHAR(36) NOT NULL PRIMARY KEY, RESTRICTED_AT TIMESTAMP NOT NULL)");
            s.executeUpdate("INSERT INTO " + OLD_LOCKS + " (PERSON_ID, RESTRICTED_AT) SELECT PERSON_ID, RESTRICTED_AT "
                    + "FROM " + LOCKS);
            s.executeUpdate("DROP TABLE " + LOCKS);
            TicketStore.LOCKS.createIfMissing(c);
            s.executeUpdate("INSERT INTO " + LOCKS + " (PERSON_ID, SINCE) SELECT PERSON_ID, RESTRICTED_AT FROM "
                    + OLD_LOCKS);
            s.executeUpdate("DROP TABLE " + OLD_LOCKS);
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        for (String t : List.of(table, table.toLowerCase(Locale.ROOT))) {
            for (String col : List.of(column, column.toLowerCase(Locale.ROOT))) {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, t, col)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
