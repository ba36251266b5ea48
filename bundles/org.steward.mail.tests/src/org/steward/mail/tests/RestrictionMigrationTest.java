package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Osgi;

/**
 * Schema 2 of the mail unit: restriction locks kept in the former shape ({@code SINCE_MICROS BIGINT}) are moved into
 * the shape every module shares ({@code SINCE TIMESTAMP}) when the bundle starts, and hold the person's mail as before.
 */
class RestrictionMigrationTest {

    @Test
    void locksOfSchemaOneAreKeptInTheSharedShape() throws Exception {
        MailFixture fixture = new MailFixture(Osgi.context(RestrictionMigrationTest.class));
        StewardPersistence persistence = Osgi.service(fixture.context, StewardPersistence.class);
        Bundle mail = Osgi.bundle(fixture.context, "org.steward.mail");
        PersonId person = PersonId.random();
        Instant since = Instant.parse("2030-01-02T03:04:05.123456Z");
        mail.stop();
        try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE MAIL_RESTRICTION");
            s.executeUpdate("CREATE TABLE MAIL_RESTRICTION (PERSON_ID VARCHAR(36) NOT NULL PRIMARY KEY, "
                    + "SINCE_MICROS BIGINT NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO MAIL_RESTRICTION (PERSON_ID, SINCE_MICROS) VALUES (?, ?)")) {
                insert.setString(1, person.toString());
                insert.setLong(2, since.getEpochSecond() * 1_000_000L + since.getNano() / 1_000);
                insert.executeUpdate();
            }
            s.executeUpdate("UPDATE STEWARD_SCHEMA SET SCHEMA_VERSION = 1 WHERE UNIT_NAME = 'steward.mail'");
        } finally {
            mail.start();
        }
        assertTrue(fixture.provider().isRestricted(person), "the lock survived the migration");
        assertEquals(2, persistence.schemaVersion("steward.mail").orElseThrow());
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT SINCE FROM MAIL_RESTRICTION WHERE PERSON_ID = ?")) {
            s.setString(1, person.toString());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(since, rs.getTimestamp(1).toInstant());
            }
        }
        fixture.provider().restrict(person, false, Actor.system());
        assertEquals(false, fixture.provider().isRestricted(person));
    }
}
