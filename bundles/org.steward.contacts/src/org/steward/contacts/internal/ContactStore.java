package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.steward.contacts.DataSource;
import org.steward.contacts.FieldDefinition;
import org.steward.contacts.LawfulBasis;
import org.steward.contacts.PurposeBasis;
import org.steward.contacts.SourceType;
import org.steward.core.PersonId;
import org.steward.core.Uuids;
import org.steward.persistence.JdbcTransactions;

/**
 * Reads and writes contact rows by JDBC. Encryption ({@link #prepare}) is apart from writing ({@link #insert}) so that
 * an import can encrypt a batch on several threads and write it in one JDBC batch.
 */
final class ContactStore {

    static final String CONTACT_COLUMNS = "ID, PERSON_ID, CARD, NOTES, EMAIL_TOKEN, PHONE_TOKEN, MOBILE_TOKEN, "
            + "LAST_TOKEN, FIRST_TOKEN, COMPANY_ID, OWNER_USER_ID, TAGS, CREATED_AT, UPDATED_AT, LAST_ACTIVITY_AT, "
            + "IMPORT_KEY, IMPORT_ID";
    static final String INSERT_CONTACT = "INSERT INTO CONTACTS_CONTACT (" + CONTACT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The field name under which the card ciphertext is bound to its record. */
    static final String CARD = "card";
    static final String INSERT_SOURCE = "INSERT INTO CONTACTS_SOURCE (ID, OWNER_ID, SOURCE_TYPE, SOURCE_NAME, DETAILS, "
            + "COLLECTED_AT, POSITION) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_CUSTOM = "INSERT INTO CONTACTS_CUSTOM_VALUE (ID, CONTACT_ID, FIELD_NAME, FIELD_VALUE, "
            + "ENCRYPTED) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_BASIS = "INSERT INTO CONTACTS_LAWFUL_BASIS (ID, CONTACT_ID, PURPOSE, BASIS, "
            + "JUSTIFICATION, LAST_REVIEWED) VALUES (?, ?, ?, ?, ?, ?)";

    static final String INSERT_OVERRIDE = "INSERT INTO CONTACTS_BLOCKLIST_OVERRIDE (ID, CONTACT_ID, REASON, USER_ID, "
            + "DECIDED_AT, ERASED_AT) VALUES (?, ?, ?, ?, ?, ?)";
    static final String OVERRIDE_REASON = "override.reason";

    /**
     * The contact rows with whether their person is restricted; a WHERE clause follows, whose unqualified columns are
     * the contact's.
     */
    private static final String SELECT = "SELECT c.*, (SELECT COUNT(*) FROM " + ContactsModule.LOCKS.table()
            + " r WHERE r.PERSON_ID = c.PERSON_ID) AS RESTRICTION_LOCKS FROM CONTACTS_CONTACT c WHERE ";

    /** A contact ready to be written: every personal value already encrypted. */
    record Prepared(String id, PersonId person, Object[] contact, List<Object[]> sources, List<Object[]> customs,
            List<Object[]> bases) {
    }

    private final Sealing sealing;
    private final Fields fields;
    private final ImportOrigins imports;

    ContactStore(Sealing sealing, Fields fields, ImportOrigins imports) {
        this.sealing = sealing;
        this.fields = fields;
        this.imports = imports;
    }

    /**
     * Encrypts and indexes a new contact; {@code values} are validated and by field name. An imported contact names
     * its import ({@code importId}, {@code importKey} = file hash and line) instead of having a source row: the
     * journal holds the file name and the importing user.
     */
    Prepared prepare(String id, PersonId person, Map<String, String> values, Identifiers ids,
            List<DataSource> sources, List<PurposeBasis> bases, String importKey, String importId, long now) {
        Long[] names = sealing.nameTokens(values.get("firstName"), values.get("lastName"));
        Object[] row = { id, person.toString(), sealing.seal(person, id, CARD, Card.encode(values)),
                sealing.seal(person, id, BuiltInFields.NOTES, values.get(BuiltInFields.NOTES)),
                Sealing.token(ids.email()), Sealing.token(ids.phone()), Sealing.token(ids.mobile()),
                names[0], names[1], values.get(BuiltInFields.COMPANY),
                values.get(BuiltInFields.OWNER), values.get(BuiltInFields.TAGS), now, now, now, importKey,
                importId };
        List<Object[]> sourceRows = new ArrayList<>();
        for (int p = 0; p < sources.size(); p++) {
            sourceRows.add(sourceRow(person, id, sources.get(p), p));
        }
        List<Object[]> customRows = new ArrayList<>();
        for (FieldDefinition f : fields.custom()) {
            String value = values.get(f.name());
            if (value != null) {
                customRows.add(CustomValues.row(sealing, person, id, f, value));
            }
        }
        List<Object[]> basisRows = new ArrayList<>();
        for (PurposeBasis b : bases) {
            basisRows.add(basisRow(id, b));
        }
        return new Prepared(id, person, row, sourceRows, customRows, basisRows);
    }

    Object[] sourceRow(PersonId person, String ownerId, DataSource source, int position) {
        String sourceId = Uuids.timeOrdered().toString();
        return new Object[] { sourceId, ownerId, source.type().name(),
                sealing.seal(person, ownerId, "source.name", source.name()),
                sealing.seal(person, ownerId, "source.details", SourceCodec.encode(source.details())),
                source.at().toEpochMilli(), position };
    }

    /** An override of the erasure blocklist recorded with a contact, its reason opened. */
    record Override(String id, String reason, String decidedBy, long decidedAt, long erasedAt) {
    }

    /** The row of an override recorded with {@code contactId}, its reason sealed under the person's key. */
    Object[] overrideRow(PersonId person, String contactId, String reason, String decidedBy, long decidedAt,
            long erasedAt) {
        return new Object[] { Uuids.timeOrdered().toString(), contactId,
                sealing.seal(person, contactId, OVERRIDE_REASON, Sealing.truncate(reason, 2000)), decidedBy,
                decidedAt, erasedAt };
    }

    List<Override> overrides(Connection c, PersonId person, String contactId) throws SQLException {
        List<Override> found = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT ID, REASON, USER_ID, DECIDED_AT, ERASED_AT FROM "
                + "CONTACTS_BLOCKLIST_OVERRIDE WHERE CONTACT_ID = ? ORDER BY DECIDED_AT", contactId);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(new Override(rs.getString(1), sealing.open(person, contactId, OVERRIDE_REASON,
                        rs.getString(2)), rs.getString(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return found;
    }

    static Object[] basisRow(String contactId, PurposeBasis b) {
        return new Object[] { Uuids.timeOrdered().toString(), contactId, b.purpose(), b.basis().name(),
                b.justification(), b.lastReviewed().toString() };
    }

    /** Writes prepared contacts with JDBC batches (no commit). */
    static void insert(Connection c, List<Prepared> contacts) throws SQLException {
        try (PreparedStatement contact = c.prepareStatement(INSERT_CONTACT);
                PreparedStatement source = c.prepareStatement(INSERT_SOURCE)) {
            boolean customs = false;
            boolean bases = false;
            for (Prepared p : contacts) {
                bindAll(contact, p.contact());
                contact.addBatch();
                for (Object[] s : p.sources()) {
                    bindAll(source, s);
                    source.addBatch();
                }
                customs |= !p.customs().isEmpty();
                bases |= !p.bases().isEmpty();
            }
            contact.executeBatch();
            source.executeBatch();
            if (customs) {
                batch(c, INSERT_CUSTOM, contacts.stream().flatMap(p -> p.customs().stream()).toList());
            }
            if (bases) {
                batch(c, INSERT_BASIS, contacts.stream().flatMap(p -> p.bases().stream()).toList());
            }
        }
    }

    static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bindAll(s, row);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Typed setters where the type is known: Derby's {@code setObject} costs a lookup per value on every row. */
    static void bindAll(PreparedStatement s, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            switch (values[i]) {
                case String text -> s.setString(i + 1, text);
                case Long number -> s.setLong(i + 1, number);
                case Integer number -> s.setInt(i + 1, number);
                case null, default -> s.setObject(i + 1, values[i]);
            }
        }
    }

    // ============================================================================================== reading

    Optional<StoredContact> load(Connection c, String id) throws SQLException {
        try (PreparedStatement s = JdbcTransactions.bind(c, SELECT + "ID = ?", id);
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(read(c, rs)) : Optional.empty();
        }
    }

    /** Every contact row of a person, deleted and merged ones included (rights handling). */
    List<StoredContact> allOf(Connection c, PersonId person) throws SQLException {
        return loadWhere(c, "PERSON_ID = ?", 10_000, person.toString());
    }

    /** Contacts matching a WHERE clause, in creation order, at most {@code limit}. */
    List<StoredContact> loadWhere(Connection c, String where, int limit, Object... values) throws SQLException {
        List<StoredContact> found = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, SELECT + where + " ORDER BY CREATED_AT, ID",
                values)) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && found.size() < limit) {
                    found.add(read(c, rs));
                }
            }
        }
        return found;
    }

    private StoredContact read(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString("ID");
        PersonId person = PersonId.parse(rs.getString("PERSON_ID"));
        Map<String, String> values = new LinkedHashMap<>(Card.decode(sealing.open(person, id, CARD,
                rs.getString("CARD"))));
        values.put(BuiltInFields.NOTES, sealing.open(person, id, BuiltInFields.NOTES, rs.getString("NOTES")));
        for (Map.Entry<String, String> plain : BuiltInFields.PLAIN_COLUMNS.entrySet()) {
            values.put(plain.getKey(), rs.getString(plain.getValue()));
        }
        long deleted = rs.getLong("DELETED_AT");
        Long deletedAt = rs.wasNull() ? null : deleted;
        boolean restricted = rs.getInt("RESTRICTION_LOCKS") != 0;
        long created = rs.getLong("CREATED_AT");
        long updated = rs.getLong("UPDATED_AT");
        String mergedInto = rs.getString("MERGED_INTO");
        List<DataSource> sources = new ArrayList<>();
        importSource(c, rs.getString("IMPORT_ID"), rs.getString("IMPORT_KEY"), created).ifPresent(sources::add);
        sources.addAll(sources(c, person, id));
        values.putAll(CustomValues.load(sealing, c, person, id));
        return new StoredContact(id, person, values, restricted, sources, bases(c, id), created, updated, deletedAt,
                mergedInto);
    }

    /** An imported contact's source, from its import journal and the line in its import key. */
    private Optional<DataSource> importSource(Connection c, String importId, String importKey, long createdAt)
            throws SQLException {
        if (importId == null || importKey == null) {
            return Optional.empty();
        }
        ImportOrigins.Origin origin = imports.of(c, importId);
        long line = Long.parseLong(importKey.substring(importKey.lastIndexOf(':') + 1));
        return Optional.of(DataSource.fileImport(origin.fileName(), line, importId, origin.userOf(line),
                Instant.ofEpochMilli(createdAt)));
    }

    List<DataSource> sources(Connection c, PersonId person, String ownerId) throws SQLException {
        List<DataSource> sources = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT SOURCE_TYPE, SOURCE_NAME, DETAILS, COLLECTED_AT "
                + "FROM CONTACTS_SOURCE WHERE OWNER_ID = ? ORDER BY POSITION, COLLECTED_AT", ownerId);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                sources.add(new DataSource(SourceType.valueOf(rs.getString(1)),
                        sealing.open(person, ownerId, "source.name", rs.getString(2)),
                        SourceCodec.decode(sealing.open(person, ownerId, "source.details", rs.getString(3))),
                        Instant.ofEpochMilli(rs.getLong(4))));
            }
        }
        return sources;
    }

    static List<PurposeBasis> bases(Connection c, String contactId) throws SQLException {
        List<PurposeBasis> bases = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT PURPOSE, BASIS, JUSTIFICATION, LAST_REVIEWED FROM "
                + "CONTACTS_LAWFUL_BASIS WHERE CONTACT_ID = ? ORDER BY PURPOSE", contactId);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                bases.add(new PurposeBasis(rs.getString(1), LawfulBasis.valueOf(rs.getString(2)), rs.getString(3),
                        LocalDate.parse(rs.getString(4))));
            }
        }
        return bases;
    }

    // ============================================================================================== writing

    /** Writes changed values of one contact (already validated), re-sealing and re-indexing what needs it. */
    void update(Connection c, StoredContact contact, Map<String, String> changes, long now) throws SQLException {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Map<String, String> card = new LinkedHashMap<>();
        BuiltInFields.CARD_FIELDS.forEach(f -> card.put(f, contact.values().get(f)));
        boolean cardChanged = false;
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String field = change.getKey();
            String value = change.getValue();
            if (card.containsKey(field)) {
                card.put(field, value);
                cardChanged = true;
                switch (field) {
                    case "email" -> {
                        sets.add("EMAIL_TOKEN = ?");
                        values.add(sealing.emailToken(value));
                    }
                    case "phone", "mobile" -> {
                        sets.add(field.toUpperCase(java.util.Locale.ROOT) + "_TOKEN = ?");
                        values.add(sealing.phoneToken(value));
                    }
                    default -> {
                    }
                }
            } else if (BuiltInFields.NOTES.equals(field)) {
                sets.add("NOTES = ?");
                values.add(sealing.seal(contact.person(), contact.id(), BuiltInFields.NOTES, value));
            } else if (BuiltInFields.PLAIN_COLUMNS.containsKey(field)) {
                sets.add(BuiltInFields.PLAIN_COLUMNS.get(field) + " = ?");
                values.add(value);
            } else {
                FieldDefinition definition = fields.field(field).orElseThrow();
                CustomValues.put(sealing, c, contact.person(), contact.id(), definition, value);
            }
        }
        if (cardChanged) {
            sets.add("CARD = ?");
            values.add(sealing.seal(contact.person(), contact.id(), CARD, Card.encode(card)));
            if (changes.containsKey("firstName") || changes.containsKey("lastName")) {
                Long[] names = sealing.nameTokens(card.get("firstName"), card.get("lastName"));
                sets.add("LAST_TOKEN = ?");
                values.add(names[0]);
                sets.add("FIRST_TOKEN = ?");
                values.add(names[1]);
            }
        }
        sets.add("UPDATED_AT = ?");
        values.add(now);
        sets.add("LAST_ACTIVITY_AT = ?");
        values.add(now);
        values.add(contact.id());
        JdbcTransactions.update(c, "UPDATE CONTACTS_CONTACT SET " + String.join(", ", sets) + " WHERE ID = ?",
                values.toArray());
    }

    /** Deletes the rows of one contact for good (erasure, purge). */
    static int deleteForGood(Connection c, String id) throws SQLException {
        JdbcTransactions.update(c, "DELETE FROM CONTACTS_SOURCE WHERE OWNER_ID = ?", id);
        JdbcTransactions.update(c, "DELETE FROM CONTACTS_LAWFUL_BASIS WHERE CONTACT_ID = ?", id);
        JdbcTransactions.update(c, "DELETE FROM CONTACTS_CUSTOM_VALUE WHERE CONTACT_ID = ?", id);
        JdbcTransactions.update(c, "DELETE FROM CONTACTS_BLOCKLIST_OVERRIDE WHERE CONTACT_ID = ?", id);
        return JdbcTransactions.update(c, "DELETE FROM CONTACTS_CONTACT WHERE ID = ?", id);
    }
}
