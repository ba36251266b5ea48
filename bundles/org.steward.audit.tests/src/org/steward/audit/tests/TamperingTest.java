package org.steward.audit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditChain;
import org.steward.audit.AuditVerification;
import org.steward.audit.AuditVerification.Problem;
import org.steward.core.StewardException;
import org.steward.testing.Osgi;

/**
 * Each single change made directly in the database (edit, delete, insert, swap, a consistent rewrite) is detected and
 * the first broken entry named; {@code audit:verify} then fails.
 */
class TamperingTest {

    private static final int ENTRIES = 20;
    private static final int ANCHOR_INTERVAL = 5;
    private static final String[] CONTENT = { "TIME_MICROS", "ACTOR_ID", "ACTOR_LOGIN", "CHANNEL", "SOURCE_ADDRESS",
            "SESSION_ID", "ACTION", "TARGET_MODULE", "TARGET_TYPE", "TARGET_ID", "PERSON_ID", "FIELD_NAMES", "OUTCOME",
            "DETAILS", "PREV_HASH", "HASH" };

    private final BundleContext context = Osgi.context(TamperingTest.class);
    private AuditFixture fixture;

    @BeforeEach
    void twentyEntries() throws Exception {
        fixture = AuditFixture.fresh(context, Map.of("anchorInterval", ANCHOR_INTERVAL));
        for (int i = 1; i <= ENTRIES; i++) {
            fixture.log.append(AuditFixture.event(i));
        }
        AuditVerification intact = fixture.log.verify();
        assertTrue(intact.intact(), intact.toString());
        assertEquals(ENTRIES, intact.checked());
        assertEquals(ENTRIES / ANCHOR_INTERVAL, intact.anchorsChecked());
    }

    @AfterAll
    static void defaults() throws Exception {
        AuditFixture.reset(Osgi.context(TamperingTest.class));
    }

    private AuditVerification assertBroken(long seq, Problem problem) throws Throwable {
        AuditVerification result = fixture.log.verify();
        assertEquals(OptionalLong.of(seq), result.brokenSeq(), result.toString());
        assertEquals(problem, result.broken().get().problem(), result.toString());
        StewardException failed = assertThrows(StewardException.class,
                () -> fixture.command("verify", new Class<?>[0]));
        assertTrue(failed.getMessage().contains("BROKEN at entry " + seq + ": " + problem), failed.getMessage());
        return result;
    }

    @Test
    void editedFieldIsNamedAsTheFirstBrokenEntry() throws Throwable {
        assertEquals(1, fixture.update("UPDATE AUDIT_ENTRY SET OUTCOME = 'SUCCESS' WHERE SEQ = 7"));
        assertBroken(7, Problem.EDITED);
    }

    @Test
    void editedFieldNamesAndTimeAreDetected() throws Throwable {
        fixture.update("UPDATE AUDIT_ENTRY SET TIME_MICROS = TIME_MICROS + 1 WHERE SEQ = 12");
        fixture.update("UPDATE AUDIT_ENTRY SET FIELD_NAMES = 'name' WHERE SEQ = 15");
        assertBroken(12, Problem.EDITED);
    }

    @Test
    void deletedEntryIsNamed() throws Throwable {
        assertEquals(1, fixture.update("DELETE FROM AUDIT_ENTRY WHERE SEQ = 9"));
        AuditVerification result = assertBroken(9, Problem.DELETED);
        assertEquals(8, result.checked());
    }

    @Test
    void deletedLastEntryIsDetectedThroughTheHead() throws Throwable {
        fixture.update("DELETE FROM AUDIT_ENTRY WHERE SEQ = " + ENTRIES);
        assertBroken(ENTRIES, Problem.DELETED);
    }

    @Test
    void truncatedLogIsDetectedThroughTheAnchorsEvenWithTheHeadRewritten() throws Throwable {
        Map<String, Object> last = fixture.rows().get(11);
        fixture.update("DELETE FROM AUDIT_ENTRY WHERE SEQ > 12");
        fixture.update("UPDATE AUDIT_HEAD SET LAST_SEQ = 12, LAST_HASH = ?", last.get("HASH"));
        assertBroken(13, Problem.DELETED);
    }

    @Test
    void forgedEntryAppendedWithAValidHashIsDetected() throws Throwable {
        Map<String, Object> forged = new java.util.LinkedHashMap<>(fixture.rows().get(ENTRIES - 1));
        forged.put("SEQ", (long) ENTRIES + 1);
        forged.put("ACTION", "contact.delete");
        forged.put("PREV_HASH", forged.get("HASH"));
        forged.put("HASH", hashOf(forged));
        insert(forged);
        assertBroken(ENTRIES + 1, Problem.INSERTED);
    }

    @Test
    void forgedEntryWithAnImpossibleSequenceNumberIsDetected() throws Throwable {
        Map<String, Object> forged = new java.util.LinkedHashMap<>(fixture.rows().get(0));
        forged.put("SEQ", 0L);
        insert(forged);
        assertBroken(0, Problem.INSERTED);
    }

    @Test
    void entryInsertedInTheMiddleIsDetected() throws Throwable {
        // make room at 11 by moving 11..20 one up, from the top, then insert a forged entry linked to entry 10
        for (long seq = ENTRIES; seq >= 11; seq--) {
            fixture.update("UPDATE AUDIT_ENTRY SET SEQ = ? WHERE SEQ = ?", seq + 1, seq);
        }
        Map<String, Object> forged = new java.util.LinkedHashMap<>(fixture.rows().get(9));
        forged.put("SEQ", 11L);
        forged.put("TARGET_ID", "c-forged");
        forged.put("PREV_HASH", forged.get("HASH"));
        forged.put("HASH", hashOf(forged));
        insert(forged);
        fixture.update("UPDATE AUDIT_HEAD SET LAST_SEQ = LAST_SEQ + 1");
        // the forged entry itself is consistent; the entry after it no longer links, and the moved one no longer hashes
        assertBroken(12, Problem.REORDERED);
    }

    @Test
    void swappedRowsAreDetectedAtTheFirstOfThem() throws Throwable {
        List<Map<String, Object>> rows = fixture.rows();
        overwrite(6, rows.get(6)); // entry 6 gets entry 7's content
        overwrite(7, rows.get(5)); // and 7 gets 6's
        assertBroken(6, Problem.REORDERED);
    }

    @Test
    void reorderedSequenceNumbersAreDetected() throws Throwable {
        fixture.update("UPDATE AUDIT_ENTRY SET SEQ = -3 WHERE SEQ = 3");
        fixture.update("UPDATE AUDIT_ENTRY SET SEQ = 3 WHERE SEQ = 4");
        fixture.update("UPDATE AUDIT_ENTRY SET SEQ = 4 WHERE SEQ = -3");
        assertBroken(3, Problem.REORDERED);
    }

    @Test
    void consistentRewriteOfTheWholeChainIsCaughtByTheAnchors() throws Throwable {
        Path anchorsFile = Path.of(System.getProperty("steward.data.dir"), "audit", "anchors");
        assertTrue(Files.readString(anchorsFile).contains("jdbc:derby:" + fixture.databaseFolder),
                "anchors are written outside the database, in " + anchorsFile);

        // the attacker edits entry 3 and recomputes every later hash and the head: the table is consistent in itself
        List<Map<String, Object>> rows = fixture.rows();
        rows.get(2).put("OUTCOME", "SUCCESS");
        rows.get(2).put("DETAILS", "nothing to see");
        String previous = AuditChain.GENESIS;
        for (Map<String, Object> row : rows) {
            row.put("PREV_HASH", previous);
            row.put("HASH", hashOf(row));
            previous = (String) row.get("HASH");
            overwrite(((Number) row.get("SEQ")).longValue(), row);
        }
        fixture.update("UPDATE AUDIT_HEAD SET LAST_HASH = ?", previous);
        AuditVerification withoutAnchors = fixture.log.verify(1, 4, null);
        assertTrue(withoutAnchors.intact(), "entries 1-4 hold no anchor and are consistent: " + withoutAnchors);

        assertBroken(ANCHOR_INTERVAL, Problem.ANCHOR_MISMATCH);
    }

    @Test
    void rangeVerificationReportsProgressAndFindsTheBreakInside() throws Throwable {
        List<long[]> progress = new ArrayList<>();
        AuditVerification range = fixture.log.verify(6, 15, (checked, last) -> progress.add(new long[] { checked,
                last }));
        assertTrue(range.intact(), range.toString());
        assertEquals(10, range.checked());
        assertEquals(6, range.firstSeq());
        assertEquals(15, range.lastSeq());
        assertEquals(15, progress.get(progress.size() - 1)[1]);

        fixture.update("UPDATE AUDIT_ENTRY SET ACTOR_ID = 'u9' WHERE SEQ = 14");
        assertEquals(OptionalLong.of(14), fixture.log.verify(6, 15, null).brokenSeq());
        assertTrue(fixture.log.verify(1, 13, null).intact());
        assertThrows(org.steward.core.ValidationException.class, () -> fixture.log.verify(0, 3, null));
    }

    private String hashOf(Map<String, Object> row) {
        String fields = (String) row.get("FIELD_NAMES");
        return AuditChain.hash((String) row.get("PREV_HASH"), AuditChain.canonicalBytes(
                ((Number) row.get("SEQ")).longValue(), ((Number) row.get("TIME_MICROS")).longValue(),
                text(row, "ACTOR_ID"), text(row, "ACTOR_LOGIN"), text(row, "CHANNEL"), text(row, "SOURCE_ADDRESS"),
                text(row, "SESSION_ID"), text(row, "ACTION"), text(row, "TARGET_MODULE"), text(row, "TARGET_TYPE"),
                text(row, "TARGET_ID"), text(row, "PERSON_ID"),
                fields == null ? List.of() : Arrays.asList(fields.split(",")), text(row, "OUTCOME"),
                text(row, "DETAILS")));
    }

    private static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? "" : value.toString();
    }

    private void insert(Map<String, Object> row) throws Exception {
        String columns = "SEQ, " + String.join(", ", CONTENT);
        String marks = "?" + ", ?".repeat(CONTENT.length);
        try (Connection c = fixture.connection();
                PreparedStatement s = c.prepareStatement("INSERT INTO AUDIT_ENTRY (" + columns + ") VALUES (" + marks
                        + ")")) {
            s.setObject(1, row.get("SEQ"));
            for (int i = 0; i < CONTENT.length; i++) {
                s.setObject(i + 2, row.get(CONTENT[i]));
            }
            s.executeUpdate();
        }
    }

    /** Replaces every column but SEQ of one row with the values of another row. */
    private void overwrite(long seq, Map<String, Object> content) throws Exception {
        StringBuilder sql = new StringBuilder("UPDATE AUDIT_ENTRY SET ");
        for (int i = 0; i < CONTENT.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(CONTENT[i]).append(" = ?");
        }
        sql.append(" WHERE SEQ = ?");
        try (Connection c = fixture.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < CONTENT.length; i++) {
                s.setObject(i + 1, content.get(CONTENT[i]));
            }
            s.setLong(CONTENT.length + 1, seq);
            assertEquals(1, s.executeUpdate());
        }
    }
}
