package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.steward.contacts.FieldDefinition;
import org.steward.core.PersonId;
import org.steward.core.Uuids;
import org.steward.persistence.JdbcTransactions;

/**
 * Values of custom fields: encrypted under the person's key when the field is classified personal or above, plain
 * when it is not personal.
 */
final class CustomValues {

    private CustomValues() {
    }

    static Object[] row(Sealing sealing, PersonId person, String contactId, FieldDefinition field, String value) {
        boolean encrypt = field.classification().isPersonal();
        return new Object[] { Uuids.timeOrdered().toString(), contactId, field.name(),
                encrypt ? sealing.seal(person, contactId, field.name(), value) : value, encrypt ? 1 : 0 };
    }

    static Map<String, String> load(Sealing sealing, Connection c, PersonId person, String contactId)
            throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT FIELD_NAME, FIELD_VALUE, ENCRYPTED FROM "
                + "CONTACTS_CUSTOM_VALUE WHERE CONTACT_ID = ? ORDER BY FIELD_NAME", contactId);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String field = rs.getString(1);
                values.put(field, rs.getInt(3) != 0 ? sealing.open(person, contactId, field, rs.getString(2))
                        : rs.getString(2));
            }
        }
        return values;
    }

    static void put(Sealing sealing, Connection c, PersonId person, String contactId, FieldDefinition field,
            String value) throws SQLException {
        JdbcTransactions.update(c, "DELETE FROM CONTACTS_CUSTOM_VALUE WHERE CONTACT_ID = ? AND FIELD_NAME = ?",
                contactId,
                field.name());
        if (value != null) {
            ContactStore.batch(c, ContactStore.INSERT_CUSTOM, List.<Object[]>of(row(sealing, person, contactId, field,
                    value)));
        }
    }

    /** Encrypts or decrypts every stored value of a field after its re-classification. */
    static int reseal(Sealing sealing, Connection c, String field, boolean encrypt) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT v.ID, v.CONTACT_ID, c.PERSON_ID, v.FIELD_VALUE "
                + "FROM CONTACTS_CUSTOM_VALUE v JOIN CONTACTS_CONTACT c ON c.ID = v.CONTACT_ID WHERE v.FIELD_NAME = ? "
                + "AND v.ENCRYPTED = ?", field, encrypt ? 0 : 1); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) });
            }
        }
        for (String[] r : rows) {
            PersonId person = PersonId.parse(r[2]);
            String value = encrypt ? sealing.seal(person, r[1], field, r[3]) : sealing.open(person, r[1], field, r[3]);
            JdbcTransactions.update(c, "UPDATE CONTACTS_CUSTOM_VALUE SET FIELD_VALUE = ?, ENCRYPTED = ? "
                    + "WHERE ID = ?", value,
                    encrypt ? 1 : 0, r[0]);
        }
        return rows.size();
    }
}
