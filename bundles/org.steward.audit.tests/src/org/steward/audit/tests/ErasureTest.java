package org.steward.audit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditQuery;
import org.steward.audit.AuditVerification;
import org.steward.core.PersonId;
import org.steward.testing.Osgi;

/**
 * Audit entries reference people by id only: after another module erases a person, the chain still verifies and the
 * entries still tell who did what with that id, and no personal value of the person is found in the audit table.
 */
class ErasureTest {

    private final BundleContext context = Osgi.context(ErasureTest.class);
    private AuditFixture fixture;

    @BeforeEach
    void freshDatabase() throws Exception {
        fixture = AuditFixture.fresh(context, Map.of());
    }

    @AfterAll
    static void defaults() throws Exception {
        AuditFixture.reset(Osgi.context(ErasureTest.class));
    }

    @Test
    void chainStaysVerifiableAfterAPersonIsErasedElsewhere() throws Exception {
        PersonId anna = PersonId.random();
        String email = "anna.kowalska.7f3e@example.org";
        String name = "Anna Kowalska-Źdźbło";
        // a stand-in for the contacts module's own table
        try (Connection c = fixture.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE TEST_CONTACT (ID VARCHAR(36) PRIMARY KEY, NAME VARCHAR(100), "
                    + "EMAIL VARCHAR(100))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO TEST_CONTACT VALUES (?, ?, ?)")) {
                insert.setString(1, anna.toString());
                insert.setString(2, name);
                insert.setString(3, email);
                insert.executeUpdate();
            }
        }
        fixture.log.append(AuditEvent.builder(AuditFixture.user("u1"), "contact.create")
                .target("contacts", "contact", anna.toString()).person(anna).fields("name", "email").build());
        fixture.log.append(AuditFixture.read(AuditFixture.user("u2"), anna, anna.toString()));
        fixture.log.append(AuditEvent.builder(AuditFixture.user("dpo"), "contact.erase")
                .target("contacts", "contact", anna.toString()).person(anna).details("request R-17").build());
        // the contacts module erases her
        assertEquals(1, fixture.update("DELETE FROM TEST_CONTACT WHERE ID = ?", anna.toString()));

        AuditVerification verification = fixture.log.verify();
        assertTrue(verification.intact(), verification.toString());
        assertEquals(3, fixture.log.query(AuditQuery.builder().person(anna).build()).entries().size(),
                "who did what with her id is still on record");

        List<Map<String, Object>> rows = fixture.rows();
        for (Map<String, Object> row : rows) {
            for (Object value : row.values()) {
                String text = String.valueOf(value);
                assertFalse(text.contains(email) || text.contains("Kowalska") || text.contains("anna.kowalska"),
                        "the audit table holds no personal value: " + row);
            }
        }
    }
}
