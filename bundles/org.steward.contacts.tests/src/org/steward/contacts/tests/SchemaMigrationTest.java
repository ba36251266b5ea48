package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.Actor;
import org.steward.testing.Osgi;

/** A database of schema version 1 is upgraded in place when the contacts module starts, and keeps its contacts. */
class SchemaMigrationTest {

    private static final BundleContext CONTEXT = Osgi.context(SchemaMigrationTest.class);

    @AfterAll
    static void defaults() throws Exception {
        ContactsFixture.reset(CONTEXT);
    }

    @Test
    void version1IndexesAreDroppedAndContactsKept() throws Exception {
        ContactsFixture fixture = ContactsFixture.fresh(CONTEXT);
        Contact kept = fixture.contacts.create(new ContactDraft("Agnieszka", "Zielińska", "agnieszka@example.org",
                null, null, null, null, "pl", null, Map.of(), null, Set.of(), null), DataSource.manual("tester",
                        Instant.now()), Actor.system());
        assertEquals(Set.of(), v1Indexes(fixture));
        // make the database look like one written by schema version 1
        try (Connection c = fixture.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX CONTACTS_CONTACT_IMPORT ON CONTACTS_CONTACT (IMPORT_KEY)");
            s.execute("CREATE INDEX CONTACTS_CONTACT_DELETED ON CONTACTS_CONTACT (DELETED_AT)");
            assertEquals(1, s.executeUpdate("UPDATE STEWARD_SCHEMA SET SCHEMA_VERSION = 1 WHERE UNIT_NAME = "
                    + "'steward.contacts'"));
        }
        assertEquals(Set.of("CONTACTS_CONTACT_IMPORT", "CONTACTS_CONTACT_DELETED"), v1Indexes(fixture));

        Osgi.restart(CONTEXT, "org.steward.contacts");
        Contacts contacts = ContactsFixture.await(CONTEXT, Contacts.class, c -> c.count(Actor.system()) == 1);

        assertEquals(2, fixture.count("SELECT SCHEMA_VERSION FROM STEWARD_SCHEMA WHERE UNIT_NAME = ?",
                "steward.contacts"));
        assertEquals(Set.of(), v1Indexes(fixture));
        assertTrue(indexes(fixture).contains("CONTACTS_CONTACT_EMAIL"), "the e-mail lookup keeps its index");
        assertEquals(kept.id(), contacts.findByEmail("agnieszka@example.org", Actor.system()).orElseThrow().id());
        assertFalse(contacts.findByEmail("nobody@example.org", Actor.system()).isPresent());
    }

    private static Set<String> v1Indexes(ContactsFixture fixture) throws SQLException {
        Set<String> found = indexes(fixture);
        found.retainAll(Set.of("CONTACTS_CONTACT_IMPORT", "CONTACTS_CONTACT_DELETED"));
        return found;
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
}
