package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.Lead;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.Uuids;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.FieldEncryption;
import org.steward.testing.Osgi;

/**
 * A contacts table of schema version 1 (one ciphertext column per field, Base64 blind indexes) is upgraded in place
 * when the module starts: through version 2 (two indexes dropped) to version 3 (one sealed card, 64-bit tokens), with
 * its contacts readable and findable afterwards.
 */
class SchemaMigrationTest {

    private static final BundleContext CONTEXT = Osgi.context(SchemaMigrationTest.class);
    private static final Set<String> OLD_INDEXES = Set.of("CONTACTS_CONTACT_IMPORT", "CONTACTS_CONTACT_DELETED",
            "CONTACTS_CONTACT_EMAIL", "CONTACTS_CONTACT_PHONE", "CONTACTS_CONTACT_MOBILE", "CONTACTS_CONTACT_FIRST",
            "CONTACTS_CONTACT_LAST");

    @AfterAll
    static void defaults() throws Exception {
        ContactsFixture.reset(CONTEXT);
    }

    @Test
    void version1TableIsUpgradedToSealedCardsAndTokens() throws Exception {
        ContactsFixture fixture = ContactsFixture.fresh(CONTEXT);
        FieldEncryption encryption = Osgi.service(CONTEXT, FieldEncryption.class);
        BlindIndex blindIndex = Osgi.service(CONTEXT, BlindIndex.class);
        String live = Uuids.timeOrdered().toString();
        String merged = Uuids.timeOrdered().toString();
        PersonId person = PersonId.random();
        PersonId other = PersonId.random();
        try (Connection c = fixture.connection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE CONTACTS_CONTACT");
            s.execute("CREATE TABLE CONTACTS_CONTACT (ID VARCHAR(36) NOT NULL PRIMARY KEY, PERSON_ID VARCHAR(36) NOT "
                    + "NULL, FIRST_NAME VARCHAR(1200), LAST_NAME VARCHAR(1200), EMAIL VARCHAR(1200), EMAIL_INDEX "
                    + "VARCHAR(64), PHONE VARCHAR(400), PHONE_INDEX VARCHAR(64), MOBILE VARCHAR(400), MOBILE_INDEX "
                    + "VARCHAR(64), STREET VARCHAR(1200), POSTAL_CODE VARCHAR(400), CITY VARCHAR(1200), REGION "
                    + "VARCHAR(1200), COUNTRY VARCHAR(400), BIRTH_DATE VARCHAR(400), LANGUAGE_TAG VARCHAR(400), NOTES "
                    + "VARCHAR(32000), FIRST_PREFIX_INDEX VARCHAR(64), LAST_PREFIX_INDEX VARCHAR(64), COMPANY_ID "
                    + "VARCHAR(36), OWNER_USER_ID VARCHAR(200), TAGS VARCHAR(2000), RESTRICTED INTEGER NOT NULL, "
                    + "CREATED_AT BIGINT NOT NULL, UPDATED_AT BIGINT NOT NULL, LAST_ACTIVITY_AT BIGINT NOT NULL, "
                    + "DELETED_AT BIGINT, MERGED_INTO VARCHAR(36), IMPORT_KEY VARCHAR(120))");
            s.execute("CREATE INDEX CONTACTS_CONTACT_PERSON ON CONTACTS_CONTACT (PERSON_ID)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_EMAIL ON CONTACTS_CONTACT (EMAIL_INDEX)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_PHONE ON CONTACTS_CONTACT (PHONE_INDEX)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_MOBILE ON CONTACTS_CONTACT (MOBILE_INDEX)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_FIRST ON CONTACTS_CONTACT (FIRST_PREFIX_INDEX)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_LAST ON CONTACTS_CONTACT (LAST_PREFIX_INDEX)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_IMPORT ON CONTACTS_CONTACT (IMPORT_KEY)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_DELETED ON CONTACTS_CONTACT (DELETED_AT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO CONTACTS_CONTACT (ID, PERSON_ID, "
                    + "FIRST_NAME, LAST_NAME, EMAIL, EMAIL_INDEX, PHONE, PHONE_INDEX, CITY, NOTES, FIRST_PREFIX_INDEX, "
                    + "LAST_PREFIX_INDEX, OWNER_USER_ID, RESTRICTED, CREATED_AT, UPDATED_AT, LAST_ACTIVITY_AT, "
                    + "DELETED_AT, MERGED_INTO) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'system', 0, 1, 1, 1, ?, ?)")) {
                for (String id : List.of(live, merged)) {
                    PersonId p = id.equals(live) ? person : other;
                    boolean isLive = id.equals(live);
                    insert.setString(1, id);
                    insert.setString(2, p.toString());
                    insert.setString(3, encryption.encrypt(p, id, "firstName", "Agnieszka"));
                    insert.setString(4, encryption.encrypt(p, id, "lastName", "Zielińska"));
                    insert.setString(5, encryption.encrypt(p, id, "email", "agnieszka@example.org"));
                    // schema 2 took the e-mail index from a merged duplicate
                    insert.setString(6, isLive ? blindIndex.email("agnieszka@example.org") : null);
                    insert.setString(7, encryption.encrypt(p, id, "phone", "+48601234567"));
                    insert.setString(8, blindIndex.phone("+48601234567"));
                    insert.setString(9, encryption.encrypt(p, id, "address.city", "Gdańsk"));
                    insert.setString(10, encryption.encrypt(p, id, "notes", "met at the fair"));
                    insert.setString(11, blindIndex.of("contact-name-prefix", "agn"));
                    insert.setString(12, blindIndex.of("contact-name-prefix", "zie"));
                    insert.setObject(13, isLive ? null : 2L);
                    insert.setString(14, isLive ? null : live);
                    insert.executeUpdate();
                }
            }
            assertEquals(1, s.executeUpdate("UPDATE STEWARD_SCHEMA SET SCHEMA_VERSION = 1 WHERE UNIT_NAME = "
                    + "'steward.contacts'"));
        }

        Osgi.restart(CONTEXT, "org.steward.contacts");
        Contacts contacts = ContactsFixture.await(CONTEXT, Contacts.class, c -> c.count(Actor.system()) == 1);

        assertEquals(4, fixture.count("SELECT SCHEMA_VERSION FROM STEWARD_SCHEMA WHERE UNIT_NAME = ?",
                "steward.contacts"));
        Set<String> indexes = indexes(fixture);
        assertTrue(indexes.stream().noneMatch(OLD_INDEXES::contains), indexes.toString());
        assertTrue(indexes.containsAll(Set.of("CONTACTS_CONTACT_EMAIL_TOKEN", "CONTACTS_CONTACT_LAST_TOKEN",
                "CONTACTS_CONTACT_FIRST_TOKEN",
                "CONTACTS_CONTACT_PHONE_TOKEN", "CONTACTS_CONTACT_PERSON")), indexes.toString());
        Set<String> columns = columns(fixture);
        assertTrue(columns.containsAll(Set.of("CARD", "EMAIL_TOKEN", "LAST_TOKEN", "IMPORT_ID")), columns.toString());
        assertFalse(columns.contains("FIRST_NAME") || columns.contains("EMAIL_INDEX"), columns.toString());
        assertEquals(1, fixture.count("SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE EMAIL_TOKEN IS NULL AND ID = ?",
                merged));
        assertFalse(fixture.string("SELECT CARD FROM CONTACTS_CONTACT WHERE ID = ?", live).contains("Agnieszka"));

        Contact found = contacts.findByEmail("Agnieszka@example.org", Actor.system()).orElseThrow();
        assertEquals(live, found.id().value());
        assertEquals(person, found.person());
        assertEquals("Zielińska", found.lastName());
        assertEquals("Gdańsk", found.address().city());
        assertEquals("met at the fair", found.notes());
        assertEquals(List.of(live), contacts.find("zie", 10, Actor.system()).stream().map(x -> x.id().value())
                .toList());
        assertEquals(List.of(live), contacts.find("agn", 10, Actor.system()).stream().map(x -> x.id().value())
                .toList());
        assertEquals(List.of(live), contacts.find("Agnieszka Zielińska", 10, Actor.system()).stream()
                .map(x -> x.id().value()).toList());
        assertEquals(List.of(live), contacts.find("+48 601 234 567", 10, Actor.system()).stream()
                .map(x -> x.id().value()).toList());
    }

    /**
     * Schema 3 kept the restriction lock as a RESTRICTED flag on every contact and lead row; version 4 keeps one row
     * per restricted person in CONTACTS_RESTRICTION, copied from the flags, and drops the columns.
     */
    @Test
    void version3RestrictionFlagsBecomeLocks() throws Exception {
        ContactsFixture fixture = ContactsFixture.fresh(CONTEXT);
        Contact restricted = fixture.contacts.create(ContactDraft.of("Rosa", "Flagged", "rosa@example.org"),
                DataSource.manual("tester", Instant.now()), Actor.system());
        Contact open = fixture.contacts.create(ContactDraft.of("Olga", "Open", "olga@example.org"),
                DataSource.manual("tester", Instant.now()), Actor.system());
        Lead lead = fixture.leads.create("Lena", "Flagged", "lena@example.org", null,
                DataSource.manual("tester", Instant.now()), Actor.system());
        try (Connection c = fixture.connection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE CONTACTS_RESTRICTION");
            s.execute("ALTER TABLE CONTACTS_CONTACT ADD COLUMN RESTRICTED INTEGER NOT NULL DEFAULT 0");
            s.execute("ALTER TABLE CONTACTS_LEAD ADD COLUMN RESTRICTED INTEGER NOT NULL DEFAULT 0");
            s.executeUpdate("UPDATE CONTACTS_CONTACT SET RESTRICTED = 1 WHERE ID = '" + restricted.id().value() + "'");
            s.executeUpdate("UPDATE CONTACTS_LEAD SET RESTRICTED = 1 WHERE ID = '" + lead.id() + "'");
            assertEquals(1, s.executeUpdate("UPDATE STEWARD_SCHEMA SET SCHEMA_VERSION = 3 WHERE UNIT_NAME = "
                    + "'steward.contacts'"));
        }

        Osgi.restart(CONTEXT, "org.steward.contacts");
        Contacts contacts = ContactsFixture.await(CONTEXT, Contacts.class, c -> c.count(Actor.system()) == 2);
        PersonalDataProvider provider = ContactsFixture.await(CONTEXT, PersonalDataProvider.class,
                p -> "contacts".equals(p.module()) && p.isRestricted(restricted.person()));

        assertEquals(4, fixture.count("SELECT SCHEMA_VERSION FROM STEWARD_SCHEMA WHERE UNIT_NAME = ?",
                "steward.contacts"));
        assertTrue(provider.isRestricted(lead.person()));
        assertFalse(provider.isRestricted(open.person()));
        assertEquals(2, fixture.count("SELECT COUNT(*) FROM CONTACTS_RESTRICTION"));
        assertFalse(columns(fixture).contains("RESTRICTED"));
        assertTrue(contacts.get(restricted.id(), Actor.system()).restricted());
        assertFalse(contacts.get(open.id(), Actor.system()).restricted());
    }

    private static Set<String> indexes(ContactsFixture fixture) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = fixture.connection();
                ResultSet rs = c.getMetaData().getIndexInfo(null, null, "CONTACTS_CONTACT", false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    names.add(rs.getString("INDEX_NAME"));
                }
            }
        }
        return names;
    }

    private static Set<String> columns(ContactsFixture fixture) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = fixture.connection();
                ResultSet rs = c.getMetaData().getColumns(null, null, "CONTACTS_CONTACT", null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }
}
