package org.steward.audit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditChain;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditVerification;
import org.steward.core.Actor;
import org.steward.testing.Osgi;

/**
 * Audit throughput, run only with {@code -Pbenchmark}: appends/s through the service from several threads against a
 * raw JDBC batch insert of the same rows into the same database; verification entries/s over 1,000,000 entries.
 */
class AuditBenchmark {

    private static final String COLUMNS = "SEQ, TIME_MICROS, ACTOR_ID, ACTOR_LOGIN, CHANNEL, SOURCE_ADDRESS, "
            + "SESSION_ID, ACTION, TARGET_MODULE, TARGET_TYPE, TARGET_ID, PERSON_ID, FIELD_NAMES, OUTCOME, DETAILS, "
            + "PREV_HASH, HASH";
    private static final int COLUMN_COUNT = 17;

    private final BundleContext context = Osgi.context(AuditBenchmark.class);

    @AfterAll
    static void defaults() throws Exception {
        AuditFixture.reset(Osgi.context(AuditBenchmark.class));
    }

    @Test
    void appendsPerSecondAgainstRawJdbcBatchInsert() throws Exception {
        AuditFixture fixture = AuditFixture.fresh(context, Map.of());
        int threads = Integer.getInteger("audit.benchmark.threads", 8);
        int each = Integer.getInteger("audit.benchmark.appends", 5000);
        // warm-up: JIT, statement caches
        for (int i = 0; i < 2000; i++) {
            fixture.log.append(AuditFixture.event(i));
        }
        long warm = fixture.log.latest().orElseThrow().seq();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    fixture.log.append(AuditFixture.event(thread * each + i));
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        double serviceSeconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        int total = threads * each;
        double servicePerSecond = total / serviceSeconds;

        // the same rows, read back, inserted by plain JDBC batches of 500 per commit into a table of the same shape
        List<Object[]> rows = new ArrayList<>(total);
        try (Connection c = fixture.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE AUDIT_BASELINE AS SELECT " + COLUMNS + " FROM AUDIT_ENTRY WITH NO DATA");
            try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM AUDIT_ENTRY WHERE SEQ > " + warm
                    + " ORDER BY SEQ")) {
                while (rs.next()) {
                    Object[] row = new Object[COLUMN_COUNT];
                    for (int i = 0; i < COLUMN_COUNT; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        assertEquals(total, rows.size());
        double jdbcSeconds;
        try (Connection c = fixture.connection()) {
            c.setAutoCommit(false);
            String marks = "?" + ", ?".repeat(COLUMN_COUNT - 1);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO AUDIT_BASELINE (" + COLUMNS
                    + ") VALUES (" + marks + ")")) {
                long t0 = System.nanoTime();
                int inBatch = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < COLUMN_COUNT; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                    if (++inBatch == 500) {
                        insert.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                insert.executeBatch();
                c.commit();
                jdbcSeconds = (System.nanoTime() - t0) / 1e9;
            }
        }
        double jdbcPerSecond = total / jdbcSeconds;
        report(String.format("audit appends: %,d entries from %d threads through AuditLog.append in %.2f s = %,.0f "
                + "appends/s", total, threads, serviceSeconds, servicePerSecond));
        report(String.format("audit appends baseline: the same %,d rows by raw JDBC batch insert (500 per commit, 1 "
                + "thread) in %.2f s = %,.0f rows/s", total, jdbcSeconds, jdbcPerSecond));
        report(String.format("audit appends ratio: service / raw JDBC = %.2f", servicePerSecond / jdbcPerSecond));

        // the same rows as an import would write them: lists of 500 through appendAll, one thread
        long b0 = System.nanoTime();
        for (int from = 0; from < total; from += 500) {
            List<AuditEvent> events = new ArrayList<>(500);
            for (int i = from; i < Math.min(total, from + 500); i++) {
                events.add(AuditFixture.event(i));
            }
            fixture.log.appendAll(events);
        }
        double batchSeconds = (System.nanoTime() - b0) / 1e9;
        double batchPerSecond = total / batchSeconds;
        report(String.format("audit batch appends: %,d entries through AuditLog.appendAll (500 per call, 1 thread) in "
                + "%.2f s = %,.0f appends/s; ratio to raw JDBC = %.2f", total, batchSeconds, batchPerSecond,
                batchPerSecond / jdbcPerSecond));
        assertTrue(fixture.log.verify().intact());
    }

    @Test
    void verificationOfAMillionEntries() throws Exception {
        AuditFixture fixture = AuditFixture.fresh(context, Map.of());
        int total = Integer.getInteger("audit.benchmark.entries", 1_000_000);
        long loadStart = System.nanoTime();
        String last = bulkLoad(fixture, total);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        fixture.update("UPDATE AUDIT_HEAD SET LAST_SEQ = ?, LAST_HASH = ?", (long) total, last);
        report(String.format("audit bulk load: %,d chained entries by JDBC batches in %.1f s", total, loadSeconds));

        AuditVerification result = fixture.log.verify();
        assertTrue(result.intact(), result.toString());
        assertEquals(total, result.checked());
        double seconds = result.took().toNanos() / 1e9;
        report(String.format("audit verification: %,d entries in %.2f s = %,.0f entries/s", total, seconds,
                total / seconds));
    }

    /** Writes a valid chain with the published canonical hashing, straight into AUDIT_ENTRY; returns the last hash. */
    private static String bulkLoad(AuditFixture fixture, int total) throws Exception {
        String previous = AuditChain.GENESIS;
        Actor actor = AuditFixture.user("bulk");
        long micros = AuditChain.toMicros(Instant.parse("2025-01-01T00:00:00Z"));
        try (Connection c = fixture.connection()) {
            c.setAutoCommit(false);
            String marks = "?" + ", ?".repeat(COLUMN_COUNT - 1);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO AUDIT_ENTRY (" + COLUMNS + ") VALUES ("
                    + marks + ")")) {
                for (long seq = 1; seq <= total; seq++) {
                    String action = seq % 2 == 0 ? "contact.read" : "contact.update";
                    String targetId = "c-" + seq;
                    String person = new UUID(0, seq % 5000 + 1).toString();
                    String details = "entry " + seq;
                    long time = micros + seq * 1000;
                    String hash = AuditChain.hash(previous, AuditChain.canonicalBytes(seq, time, actor.userId(),
                            actor.loginName(), actor.channel().name(), actor.sourceAddress().orElse(""),
                            actor.sessionId().orElse(""), action, "contacts", "contact", targetId, person,
                            List.of("name", "phone"), "SUCCESS", details));
                    Object[] row = { seq, time, actor.userId(), actor.loginName(), actor.channel().name(),
                            actor.sourceAddress().orElse(null), actor.sessionId().orElse(null), action, "contacts",
                            "contact", targetId, person, "name,phone", "SUCCESS", details, previous, hash };
                    for (int i = 0; i < COLUMN_COUNT; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                    if (seq % 5000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                    previous = hash;
                }
                insert.executeBatch();
                c.commit();
            }
        }
        return previous;
    }

    private static void report(String line) throws IOException {
        System.out.println("BENCHMARK " + line);
        Path results = Path.of(System.getProperty("steward.data.dir", "target/steward-data"))
                .resolveSibling("benchmark-results.txt");
        Files.writeString(results, Instant.now() + "  " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
