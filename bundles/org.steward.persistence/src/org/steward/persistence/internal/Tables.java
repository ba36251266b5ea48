package org.steward.persistence.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Creates tables with standard SQL, on Derby and PostgreSQL alike: the persistence bundle's own bookkeeping tables and
 * the modules' restriction tables ({@link org.steward.persistence.RestrictionLocks}). Public only for that API class;
 * the package is not exported.
 */
public final class Tables {

    private Tables() {
    }

    public static void ensure(Connection connection, String table, String createStatement) throws SQLException {
        if (exists(connection, table)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(createStatement);
        } catch (SQLException e) {
            // another module's start may have created it meanwhile
            if (!exists(connection, table)) {
                throw e;
            }
        }
    }

    public static boolean exists(Connection connection, String table) throws SQLException {
        var meta = connection.getMetaData();
        // unquoted names are stored upper-case by Derby and lower-case by PostgreSQL
        for (String name : new String[] { table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT) }) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] { "TABLE" })) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
