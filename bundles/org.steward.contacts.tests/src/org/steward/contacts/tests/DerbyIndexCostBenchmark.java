package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.Uuids;
import org.steward.testing.Osgi;

/**
 * What Derby alone charges for the shape of a contact row, without encryption, parsing or checks: the same insert
 * loop (JDBC batches of 2,000, one commit each) into tables that differ only in their columns and indexes, against
 * the raw baseline of {@link ContactImportBenchmark}. It bounds what any import into that shape can reach here. Run
 * only with {@code -Pbenchmark}; rows: {@code -Dbench.derbyRows} (default 300,000).
 */
class DerbyIndexCostBenchmark {

    private static final BundleContext CONTEXT = Osgi.context(DerbyIndexCostBenchmark.class);
    private static final int BATCH = 2000;

    @AfterAll
    static void defaults() throws Exception {
        ContactsFixture.reset(CONTEXT);
    }

    private interface Row {
        void bind(PreparedStatement s, int i, SplittableRandom random) throws SQLException;
    }

    @Test
    void rowsPerSecondPerTableShape() throws Exception {
        ContactsFixture fixture = ContactsFixture.fresh(CONTEXT);
        int rows = Integer.getInteger("bench.derbyRows", 300_000);
        List<String> lines = new ArrayList<>();
        double raw = measure(fixture, rows, "raw baseline (11 columns, random UUID primary key)", List.of(
                "CREATE TABLE BENCH_SHAPE_RAW (ID VARCHAR(36) PRIMARY KEY, PERSON_ID VARCHAR(36), FIRST_NAME "
                        + "VARCHAR(1200), LAST_NAME VARCHAR(1200), EMAIL VARCHAR(1200), PHONE VARCHAR(400), CITY "
                        + "VARCHAR(1200), COUNTRY VARCHAR(400), OWNER_USER_ID VARCHAR(200), CREATED_AT BIGINT, "
                        + "SOURCE VARCHAR(1200))"),
                "INSERT INTO BENCH_SHAPE_RAW VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (s, i, r) -> {
                    s.setString(1, UUID.randomUUID().toString());
                    s.setString(2, UUID.randomUUID().toString());
                    s.setString(3, "Zofia");
                    s.setString(4, "Wiśniewska" + i);
                    s.setString(5, "person" + i + "@example.org");
                    s.setString(6, "+48" + (500_000_000 + i));
                    s.setString(7, "Kraków");
                    s.setString(8, "PL");
                    s.setString(9, "system");
                    s.setLong(10, System.currentTimeMillis());
                    s.setString(11, "IMPORT bench.csv line " + (i + 2));
                }, lines, 0);
        measure(fixture, rows, "CONTACTS_CONTACT shape of schema 2 (Base64 ciphertext columns, 7 indexes)",
                List.of("CREATE TABLE BENCH_SHAPE_V2 (ID VARCHAR(36) PRIMARY KEY, PERSON_ID VARCHAR(36) NOT NULL, "
                        + "FIRST_NAME VARCHAR(1200), LAST_NAME VARCHAR(1200), EMAIL VARCHAR(1200), EMAIL_INDEX "
                        + "VARCHAR(64), PHONE VARCHAR(400), PHONE_INDEX VARCHAR(64), MOBILE VARCHAR(400), MOBILE_INDEX "
                        + "VARCHAR(64), CITY VARCHAR(1200), COUNTRY VARCHAR(400), NOTES VARCHAR(32000), "
                        + "FIRST_PREFIX_INDEX VARCHAR(64), LAST_PREFIX_INDEX VARCHAR(64), OWNER_USER_ID VARCHAR(200), "
                        + "RESTRICTED INT NOT NULL, CREATED_AT BIGINT NOT NULL, UPDATED_AT BIGINT NOT NULL, "
                        + "LAST_ACTIVITY_AT BIGINT NOT NULL, DELETED_AT BIGINT, IMPORT_KEY VARCHAR(120))",
                        "CREATE INDEX BENCH_V2_PERSON ON BENCH_SHAPE_V2 (PERSON_ID)",
                        "CREATE INDEX BENCH_V2_EMAIL ON BENCH_SHAPE_V2 (EMAIL_INDEX)",
                        "CREATE INDEX BENCH_V2_PHONE ON BENCH_SHAPE_V2 (PHONE_INDEX)",
                        "CREATE INDEX BENCH_V2_MOBILE ON BENCH_SHAPE_V2 (MOBILE_INDEX)",
                        "CREATE INDEX BENCH_V2_FIRST ON BENCH_SHAPE_V2 (FIRST_PREFIX_INDEX)",
                        "CREATE INDEX BENCH_V2_LAST ON BENCH_SHAPE_V2 (LAST_PREFIX_INDEX)"),
                "INSERT INTO BENCH_SHAPE_V2 (ID, PERSON_ID, FIRST_NAME, LAST_NAME, EMAIL, EMAIL_INDEX, PHONE, "
                        + "PHONE_INDEX, CITY, COUNTRY, FIRST_PREFIX_INDEX, LAST_PREFIX_INDEX, OWNER_USER_ID, "
                        + "RESTRICTED, CREATED_AT, UPDATED_AT, LAST_ACTIVITY_AT, IMPORT_KEY) VALUES (?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", (s, i, r) -> {
                    s.setString(1, Uuids.timeOrdered().toString());
                    s.setString(2, Uuids.timeOrdered().toString());
                    s.setString(3, base64(r, 40));
                    s.setString(4, base64(r, 46));
                    s.setString(5, base64(r, 57));
                    s.setString(6, base64(r, 32));
                    s.setString(7, base64(r, 48));
                    s.setString(8, base64(r, 32));
                    s.setString(9, base64(r, 42));
                    s.setString(10, base64(r, 38));
                    s.setString(11, prefix(i % 10));
                    s.setString(12, prefix(10 + (i / 10) % 10));
                    s.setString(13, "system");
                    long now = System.currentTimeMillis();
                    s.setLong(14, now);
                    s.setLong(15, now);
                    s.setLong(16, now);
                    s.setString(17, "0123456789abcdef0123456789abcdef:" + (i + 2));
                }, lines, raw);
        String card = base64(new SplittableRandom(7), 150);
        measure(fixture, rows, "CONTACTS_CONTACT shape of schema 3 (one sealed card, 64-bit tokens, 6 indexes)",
                List.of("CREATE TABLE BENCH_SHAPE_V3 (ID VARCHAR(36) NOT NULL PRIMARY KEY, PERSON_ID VARCHAR(36) NOT "
                        + "NULL, CARD VARCHAR(12000), NOTES VARCHAR(32000), EMAIL_TOKEN BIGINT, PHONE_TOKEN BIGINT, "
                        + "MOBILE_TOKEN BIGINT, LAST_TOKEN BIGINT, FIRST_TOKEN BIGINT, COMPANY_ID VARCHAR(36), "
                        + "OWNER_USER_ID VARCHAR(200), TAGS VARCHAR(2000), RESTRICTED INTEGER NOT NULL, CREATED_AT "
                        + "BIGINT NOT NULL, UPDATED_AT BIGINT NOT NULL, LAST_ACTIVITY_AT BIGINT NOT NULL, DELETED_AT "
                        + "BIGINT, MERGED_INTO VARCHAR(36), IMPORT_KEY VARCHAR(120), IMPORT_ID VARCHAR(36))",
                        "CREATE INDEX BENCH_V3_PERSON ON BENCH_SHAPE_V3 (PERSON_ID)",
                        "CREATE INDEX BENCH_V3_EMAIL ON BENCH_SHAPE_V3 (EMAIL_TOKEN)",
                        "CREATE INDEX BENCH_V3_PHONE ON BENCH_SHAPE_V3 (PHONE_TOKEN)",
                        "CREATE INDEX BENCH_V3_MOBILE ON BENCH_SHAPE_V3 (MOBILE_TOKEN)",
                        "CREATE INDEX BENCH_V3_LAST ON BENCH_SHAPE_V3 (LAST_TOKEN)",
                        "CREATE INDEX BENCH_V3_FIRST ON BENCH_SHAPE_V3 (FIRST_TOKEN)"),
                "INSERT INTO BENCH_SHAPE_V3 (ID, PERSON_ID, CARD, EMAIL_TOKEN, PHONE_TOKEN, LAST_TOKEN, FIRST_TOKEN, "
                        + "OWNER_USER_ID, RESTRICTED, CREATED_AT, UPDATED_AT, LAST_ACTIVITY_AT, IMPORT_KEY, IMPORT_ID) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 'system', 0, ?, ?, ?, ?, '0b6c5c1e-8a43-4f51-9a2b-7f3c2d1e0a9b')",
                (s, i, r) -> {
                    s.setString(1, Uuids.timeOrdered().toString());
                    s.setString(2, Uuids.timeOrdered().toString());
                    s.setString(3, card);
                    s.setLong(4, r.nextLong());
                    s.setLong(5, r.nextLong());
                    // as in ContactImportBenchmark: every last name differs, ten first names
                    s.setLong(6, r.nextLong());
                    s.setLong(7, (i % 10) * 7_777L);
                    long now = System.currentTimeMillis();
                    s.setLong(8, now);
                    s.setLong(9, now);
                    s.setLong(10, now);
                    s.setString(11, "0123456789abcdef0123456789abcdef:" + (i + 2));
                }, lines, raw);
        String compact = "CREATE TABLE %s (ID CHAR(16) FOR BIT DATA PRIMARY KEY, PERSON_ID CHAR(16) FOR BIT DATA NOT "
                + "NULL, SEALED VARCHAR(8000) FOR BIT DATA, EMAIL_TOKEN BIGINT, PHONE_TOKEN BIGINT, MOBILE_TOKEN "
                + "BIGINT, LAST_TOKEN BIGINT, FIRST_TOKEN BIGINT, OWNER_USER_ID VARCHAR(200), RESTRICTED SMALLINT, "
                + "CREATED_AT BIGINT, UPDATED_AT BIGINT, LAST_ACTIVITY_AT BIGINT, DELETED_AT BIGINT, IMPORT_ID "
                + "VARCHAR(36), IMPORT_LINE BIGINT)";
        String compactInsert = "INSERT INTO %s (ID, PERSON_ID, SEALED, EMAIL_TOKEN, PHONE_TOKEN, MOBILE_TOKEN, "
                + "LAST_TOKEN, FIRST_TOKEN, OWNER_USER_ID, RESTRICTED, CREATED_AT, UPDATED_AT, LAST_ACTIVITY_AT, "
                + "IMPORT_ID, IMPORT_LINE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'system', 0, ?, ?, ?, "
                + "'0b6c5c1e-8a43-4f51-9a2b-7f3c2d1e0a9b', ?)";
        Row compactRow = (s, i, r) -> {
            s.setBytes(1, bytes(Uuids.timeOrdered()));
            s.setBytes(2, bytes(Uuids.timeOrdered()));
            byte[] sealed = new byte[260];
            r.nextBytes(sealed);
            s.setBytes(3, sealed);
            s.setLong(4, r.nextLong());
            s.setLong(5, r.nextLong());
            s.setNull(6, Types.BIGINT);
            s.setLong(7, (10 + (i / 10) % 10) * 1_000_003L);
            s.setLong(8, (i % 10) * 7_777L);
            long now = System.currentTimeMillis();
            s.setLong(9, now);
            s.setLong(10, now);
            s.setLong(11, now);
            s.setLong(12, i + 2);
        };
        measure(fixture, rows, "compact: 16-byte binary ids, a unique e-mail token, one composite name index (6 indexes)", List.of(
                compact.formatted("BENCH_SHAPE_COMPACT"),
                "CREATE INDEX BENCH_C_PERSON ON BENCH_SHAPE_COMPACT (PERSON_ID)",
                "ALTER TABLE BENCH_SHAPE_COMPACT ADD CONSTRAINT BENCH_C_EMAIL UNIQUE (EMAIL_TOKEN)",
                "CREATE INDEX BENCH_C_PHONE ON BENCH_SHAPE_COMPACT (PHONE_TOKEN)",
                "CREATE INDEX BENCH_C_MOBILE ON BENCH_SHAPE_COMPACT (MOBILE_TOKEN)",
                "CREATE INDEX BENCH_C_NAME ON BENCH_SHAPE_COMPACT (LAST_TOKEN, FIRST_TOKEN)"),
                compactInsert.formatted("BENCH_SHAPE_COMPACT"), compactRow, lines, raw);
        measure(fixture, rows, "compact, e-mail and phone lookups only (3 indexes)", List.of(
                compact.formatted("BENCH_SHAPE_LOOKUPS"),
                "ALTER TABLE BENCH_SHAPE_LOOKUPS ADD CONSTRAINT BENCH_L_EMAIL UNIQUE (EMAIL_TOKEN)",
                "CREATE INDEX BENCH_L_PHONE ON BENCH_SHAPE_LOOKUPS (PHONE_TOKEN)"),
                compactInsert.formatted("BENCH_SHAPE_LOOKUPS"), compactRow, lines, raw);
        measure(fixture, rows, "compact, primary key only", List.of(compact.formatted("BENCH_SHAPE_BARE")),
                compactInsert.formatted("BENCH_SHAPE_BARE"), compactRow, lines, raw);

        Path results = Paths.get(System.getProperty("user.dir"), "target", "benchmark-results.txt");
        for (String line : lines) {
            System.out.println(line);
            Files.writeString(results, java.time.Instant.now() + " " + line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static double measure(ContactsFixture fixture, int rows, String shape, List<String> ddl, String insert,
            Row row, List<String> lines, double raw) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        long start;
        try (Connection c = fixture.connection()) {
            try (Statement s = c.createStatement()) {
                for (String statement : ddl) {
                    s.execute(statement);
                }
            }
            c.setAutoCommit(false);
            start = System.nanoTime();
            try (PreparedStatement s = c.prepareStatement(insert)) {
                for (int i = 0; i < rows; i++) {
                    row.bind(s, i, random);
                    s.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        s.executeBatch();
                        c.commit();
                    }
                }
                s.executeBatch();
                c.commit();
            }
        }
        double rate = rows / ((System.nanoTime() - start) / 1e9);
        String table = insert.substring("INSERT INTO ".length(), insert.indexOf(' ', "INSERT INTO ".length()));
        assertEquals(rows, fixture.count("SELECT COUNT(*) FROM " + table));
        lines.add(String.format(Locale.ROOT, "DerbyIndexCostBenchmark %d rows, %s: %.0f rows/s%s", rows, shape, rate,
                raw == 0 ? "" : String.format(Locale.ROOT, " (%.2f of raw)", rate / raw)));
        return rate;
    }

    private static String base64(SplittableRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String prefix(int k) {
        return Base64.getEncoder().encodeToString(new byte[] { (byte) k, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31 });
    }

    private static byte[] bytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }
}
