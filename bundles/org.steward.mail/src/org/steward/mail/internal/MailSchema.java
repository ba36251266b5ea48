package org.steward.mail.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.steward.core.PersonId;
import org.steward.persistence.RestrictionLocks;

/** Steps from one schema version of the mail unit to the next. */
final class MailSchema {

    private MailSchema() {
    }

    static void migrate(int fromVersion, Connection connection) throws SQLException {
        switch (fromVersion) {
            case 1 -> toSharedRestrictionShape(connection, MailStore.LOCKS);
            default -> throw new IllegalStateException("no migration from mail schema " + fromVersion);
        }
    }

    /**
     * Version 2: the restriction locks in the shape every module shares ({@code SINCE TIMESTAMP} instead of
     * {@code SINCE_MICROS BIGINT}). The locks are few, so they are read, the old table dropped and the locks written
     * into the new one, in the step's one transaction.
     */
    private static void toSharedRestrictionShape(Connection c, RestrictionLocks locks) throws SQLException {
        if (!locks.exists(c) || !hasColumn(c, locks.table(), "SINCE_MICROS")) {
            return;
        }
        Map<String, Long> kept = new LinkedHashMap<>();
        try (Statement read = c.createStatement();
                ResultSet rs = read.executeQuery("SELECT PERSON_ID, SINCE_MICROS FROM " + locks.table())) {
            while (rs.next()) {
                kept.put(rs.getString(1), rs.getLong(2));
            }
        }
        try (Statement drop = c.createStatement()) {
            drop.executeUpdate("DROP TABLE " + locks.table());
        }
        locks.createIfMissing(c);
        for (Map.Entry<String, Long> lock : kept.entrySet()) {
            locks.restrict(c, PersonId.parse(lock.getKey()), MailStore.instant(lock.getValue()));
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String[] names : new String[][] { { table, column },
                { table.toLowerCase(Locale.ROOT), column.toLowerCase(Locale.ROOT) } }) {
            try (ResultSet rs = meta.getColumns(null, null, names[0], names[1])) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
