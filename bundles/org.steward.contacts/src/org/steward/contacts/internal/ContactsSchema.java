package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.steward.core.PersonId;

/** Steps from one schema version of the contacts unit to the next. */
final class ContactsSchema {

    /** Schema 2: one ciphertext column per card field, in the order of {@link BuiltInFields#CARD_FIELDS}. */
    private static final List<String> V2_COLUMNS = List.of("FIRST_NAME", "LAST_NAME", "EMAIL", "PHONE", "MOBILE",
            "STREET", "POSTAL_CODE", "CITY", "REGION", "COUNTRY", "BIRTH_DATE", "LANGUAGE_TAG");

    private ContactsSchema() {
    }

    static void migrate(int fromVersion, Connection connection, Sealing sealing) throws SQLException {
        switch (fromVersion) {
            case 1 -> {
                // version 2: no index on the import key (never searched) or the deletion time (scanned by the purge)
                execute(connection, "DROP INDEX CONTACTS_CONTACT_IMPORT", "DROP INDEX CONTACTS_CONTACT_DELETED");
            }
            case 2 -> toCompactRows(connection, sealing);
            case 3 -> toRestrictionTable(connection);
            default -> throw new IllegalStateException("no migration from contacts schema " + fromVersion);
        }
    }

    /**
     * Version 3: the personal fields sealed in one {@code CARD} ciphertext, 64-bit tokens instead of Base64 blind
     * indexes, the import id beside the import key. Every row is opened and sealed again
     * under the same person key.
     */
    private static void toCompactRows(Connection c, Sealing sealing) throws SQLException {
        execute(c, "ALTER TABLE CONTACTS_CONTACT ADD COLUMN CARD VARCHAR(12000)",
                "ALTER TABLE CONTACTS_CONTACT ADD COLUMN EMAIL_TOKEN BIGINT",
                "ALTER TABLE CONTACTS_CONTACT ADD COLUMN PHONE_TOKEN BIGINT",
                "ALTER TABLE CONTACTS_CONTACT ADD COLUMN MOBILE_TOKEN BIGINT",
                "ALTER TABLE CONTACTS_CONTACT ADD COLUMN LAST_TOKEN BIGINT",
                "ALTER TABLE CONTACTS_CONTACT ADD COLUMN FIRST_TOKEN BIGINT",
                "ALTER TABLE CONTACTS_CONTACT ADD COLUMN IMPORT_ID VARCHAR(36)");
        try (Statement read = c.createStatement();
                ResultSet rs = read.executeQuery("SELECT ID, PERSON_ID, MERGED_INTO, "
                        + String.join(", ", V2_COLUMNS) + " FROM CONTACTS_CONTACT");
                PreparedStatement write = c.prepareStatement("UPDATE CONTACTS_CONTACT SET CARD = ?, EMAIL_TOKEN = ?, "
                        + "PHONE_TOKEN = ?, MOBILE_TOKEN = ?, LAST_TOKEN = ?, FIRST_TOKEN = ? WHERE ID = ?")) {
            int pending = 0;
            while (rs.next()) {
                String id = rs.getString("ID");
                PersonId person = PersonId.parse(rs.getString("PERSON_ID"));
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < V2_COLUMNS.size(); i++) {
                    String field = BuiltInFields.CARD_FIELDS.get(i);
                    values.put(field, sealing.open(person, id, field, rs.getString(V2_COLUMNS.get(i))));
                }
                boolean erased = values.values().stream().anyMatch(Sealing.ERASED::equals);
                Long[] names = erased ? new Long[2]
                        : sealing.nameTokens(values.get("firstName"), values.get("lastName"));
                write.setString(1, erased ? null : sealing.seal(person, id, ContactStore.CARD, Card.encode(values)));
                // a merged duplicate gave up its e-mail index in schema 2 as well
                write.setObject(2, erased || rs.getString("MERGED_INTO") != null ? null
                        : sealing.emailToken(values.get("email")));
                write.setObject(3, erased ? null : sealing.phoneToken(values.get("phone")));
                write.setObject(4, erased ? null : sealing.phoneToken(values.get("mobile")));
                write.setObject(5, names[0]);
                write.setObject(6, names[1]);
                write.setString(7, id);
                write.addBatch();
                if (++pending == 500) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            write.executeBatch();
        }
        execute(c, "DROP INDEX CONTACTS_CONTACT_EMAIL", "DROP INDEX CONTACTS_CONTACT_PHONE",
                "DROP INDEX CONTACTS_CONTACT_MOBILE", "DROP INDEX CONTACTS_CONTACT_FIRST",
                "DROP INDEX CONTACTS_CONTACT_LAST");
        for (String column : V2_COLUMNS) {
            execute(c, "ALTER TABLE CONTACTS_CONTACT DROP COLUMN " + column);
        }
        execute(c, "ALTER TABLE CONTACTS_CONTACT DROP COLUMN EMAIL_INDEX",
                "ALTER TABLE CONTACTS_CONTACT DROP COLUMN PHONE_INDEX",
                "ALTER TABLE CONTACTS_CONTACT DROP COLUMN MOBILE_INDEX",
                "ALTER TABLE CONTACTS_CONTACT DROP COLUMN FIRST_PREFIX_INDEX",
                "ALTER TABLE CONTACTS_CONTACT DROP COLUMN LAST_PREFIX_INDEX",
                "CREATE INDEX CONTACTS_CONTACT_EMAIL_TOKEN ON CONTACTS_CONTACT (EMAIL_TOKEN)",
                "CREATE INDEX CONTACTS_CONTACT_PHONE_TOKEN ON CONTACTS_CONTACT (PHONE_TOKEN)",
                "CREATE INDEX CONTACTS_CONTACT_MOBILE_TOKEN ON CONTACTS_CONTACT (MOBILE_TOKEN)",
                "CREATE INDEX CONTACTS_CONTACT_LAST_TOKEN ON CONTACTS_CONTACT (LAST_TOKEN)",
                "CREATE INDEX CONTACTS_CONTACT_FIRST_TOKEN ON CONTACTS_CONTACT (FIRST_TOKEN)");
    }

    /**
     * Version 4: the restriction lock in the one shape of every module ({@code CONTACTS_RESTRICTION}, one row per
     * person) instead of a {@code RESTRICTED} column on contacts and leads. A person is locked when any of their rows
     * was; the lock's start is not known and is taken as the migration's time.
     */
    private static void toRestrictionTable(Connection c) throws SQLException {
        ContactsModule.LOCKS.createIfMissing(c);
        for (String table : List.of("CONTACTS_CONTACT", "CONTACTS_LEAD")) {
            if (!hasColumn(c, table, "RESTRICTED")) {
                continue; // a table created after the column was given up
            }
            execute(c, "INSERT INTO " + ContactsModule.LOCKS.table() + " (PERSON_ID, SINCE) SELECT DISTINCT "
                    + "t.PERSON_ID, CURRENT_TIMESTAMP FROM " + table + " t WHERE t.RESTRICTED <> 0 AND NOT EXISTS "
                    + "(SELECT 1 FROM " + ContactsModule.LOCKS.table() + " r WHERE r.PERSON_ID = t.PERSON_ID)",
                    "ALTER TABLE " + table + " DROP COLUMN RESTRICTED");
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        for (String[] name : List.of(new String[] { table, column }, new String[] { table.toLowerCase(Locale.ROOT),
                column.toLowerCase(Locale.ROOT) })) {
            try (ResultSet rs = c.getMetaData().getColumns(null, null, name[0], name[1])) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
