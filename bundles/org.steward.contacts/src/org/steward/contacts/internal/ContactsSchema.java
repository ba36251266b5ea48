package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Steps from one schema version of the contacts unit to the next. */
final class ContactsSchema {

    private ContactsSchema() {
    }

    static void migrate(int fromVersion, Connection connection) throws SQLException {
        if (fromVersion == 1) {
            // version 2: no index on the import key (never searched) or the deletion time (scanned by the daily purge)
            try (Statement s = connection.createStatement()) {
                s.execute("DROP INDEX CONTACTS_CONTACT_IMPORT");
                s.execute("DROP INDEX CONTACTS_CONTACT_DELETED");
            }
        }
    }
}
