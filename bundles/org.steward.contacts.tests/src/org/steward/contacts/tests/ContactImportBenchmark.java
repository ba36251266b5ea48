package org.steward.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.core.Actor;
import org.steward.testing.Osgi;

/**
 * Import throughput, run only with {@code -Pbenchmark}: a generated CSV (written before timing) imported with
 * encryption of every personal value, blind indexes, sources and audit, against a raw JDBC batch insert of the same
 * rows (plaintext, same columns, same batch size) into the same database in the same run; peak heap of both. A third
 * figure inserts the same rows the same way into an empty copy of the contacts table (its columns and indexes, values
 * derived from the plaintext, no checks or encryption): what Derby alone charges for the table the import fills.
 * Rows: {@code -Dbench.rows} or the environment variable {@code BENCH_ROWS} (default 1,000,000).
 */
class ContactImportBenchmark {

    private static final BundleContext CONTEXT = Osgi.context(ContactImportBenchmark.class);
    private static final int BATCH = 2000;

    @AfterAll
    static void defaults() throws Exception {
        ContactsFixture.reset(CONTEXT);
    }

    private static int rows() {
        String env = System.getenv("BENCH_ROWS");
        return Integer.getInteger("bench.rows", env == null ? 1_000_000 : Integer.parseInt(env));
    }

    @Test
    void importRowsPerSecondAgainstRawJdbcBatchInsert() throws Exception {
        ContactsFixture fixture = ContactsFixture.fresh(CONTEXT);
        int rows = rows();
        String[] firsts = { "Zofia", "Marco", "Élodie", "伟", "Oliver", "Łukasz", "Giulia", "Chloé", "芳", "Amelia" };
        String[] lasts = { "Wiśniewska", "Rossi", "Lefèvre", "王", "Smith", "Kowalczyk", "Bianchi", "Moreau", "李",
                "Jones" };
        Path csv = fixture.folder.resolve("bench.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("firstName,lastName,email,phone,city,country\n");
            for (int i = 0; i < rows; i++) {
                out.write(firsts[i % 10] + "," + lasts[(i / 10) % 10] + i + ",person" + i + "@example.org,+48"
                        + (500_000_000 + i) + ",Kraków,PL\n");
            }
        }

        // baseline: the same rows, plaintext, into a plain table with the same columns, JDBC batches of the same size
        System.gc();
        resetPeaks();
        double rawSeconds;
        try (Connection c = fixture.connection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE BENCH_RAW_CONTACT (ID VARCHAR(36) PRIMARY KEY, PERSON_ID VARCHAR(36), "
                        + "FIRST_NAME VARCHAR(1200), LAST_NAME VARCHAR(1200), EMAIL VARCHAR(1200), PHONE VARCHAR(400), "
                        + "CITY VARCHAR(1200), COUNTRY VARCHAR(400), OWNER_USER_ID VARCHAR(200), CREATED_AT BIGINT, "
                        + "SOURCE VARCHAR(1200))");
            }
            rawSeconds = insertLines(c, csv, "INSERT INTO BENCH_RAW_CONTACT VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (insert, v, line) -> {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, UUID.randomUUID().toString());
                        for (int k = 0; k < 6; k++) {
                            insert.setString(3 + k, v[k]);
                        }
                        insert.setString(9, "system");
                        insert.setLong(10, System.currentTimeMillis());
                        insert.setString(11, "IMPORT bench.csv line " + line);
                    });
        }
        long rawPeak = peakHeap();
        double shapeSeconds = insertIntoTheContactTableShape(fixture, csv);

        System.gc();
        resetPeaks();
        Map<String, Long> cpuBefore = cpuByThread();
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        ImportSummary summary = fixture.imports.importFile(csv, new ImportOptions(ImportFormat.CSV, ',', Map.of(),
                BATCH), null, Actor.system());
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpu = cpuSplit(cpuBefore, cpuByThread(), gcMillis() - gcBefore, seconds);
        long peak = peakHeap();
        assertEquals(rows, summary.imported());

        // what bounds the import: the first encryption for a new person writes and syncs that person's key file
        org.steward.encryption.FieldEncryption encryption = Osgi.service(CONTEXT,
                org.steward.encryption.FieldEncryption.class);
        int keys = Math.min(rows, 5000);
        long keyStart = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            encryption.encrypt(org.steward.core.PersonId.random(), "bench", "firstName", "Zofia");
        }
        double keyRate = keys / ((System.nanoTime() - keyStart) / 1e9);
        double rate = rows / seconds;
        double rawRate = rows / rawSeconds;
        String result = String.format(java.util.Locale.ROOT, "ContactImportBenchmark %d rows: import %.0f rows/s "
                + "(%.1f s, peak heap %d MiB); raw JDBC batch insert %.0f rows/s (%.1f s, peak heap %d MiB); "
                + "ratio %.2f; new-person key creation alone (1 thread) %.0f keys/s; import threads %d; max heap %d MiB",
                rows, rate, seconds, peak >> 20, rawRate, rawSeconds, rawPeak >> 20, rate / rawRate, keyRate,
                ContactsFixture.IMPORT_THREADS,
                Runtime.getRuntime().maxMemory() >> 20);
        result += String.format(java.util.Locale.ROOT, "; the same rows into an empty copy of the contacts table "
                + "(its indexes, no checks or encryption) %.0f rows/s (%.1f s), the import reaches %.2f of it",
                rows / shapeSeconds, shapeSeconds, rate / (rows / shapeSeconds));
        result += "; " + cpu;
        System.out.println(result);
        Path results = Paths.get(System.getProperty("user.dir"), "target", "benchmark-results.txt");
        Files.writeString(results, java.time.Instant.now() + " " + result + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * The raw baseline's loop into an empty copy of {@code CONTACTS_CONTACT} with the same indexes, read from the
     * database so that the copy follows the table: ids as the import makes them, the card as Base64 of the line and
     * the size of an AES-GCM tag, 64-bit tokens hashed from the plaintext.
     */
    private static double insertIntoTheContactTableShape(ContactsFixture fixture, Path csv) throws Exception {
        try (Connection c = fixture.connection()) {
            Map<String, java.util.List<String>> indexes = new java.util.TreeMap<>();
            Map<String, Boolean> unique = new java.util.HashMap<>();
            try (java.sql.ResultSet rs = c.getMetaData().getIndexInfo(null, null, "CONTACTS_CONTACT", false, false)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME") != null) {
                        indexes.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new java.util.ArrayList<>())
                                .add(rs.getString("COLUMN_NAME"));
                        unique.put(rs.getString("INDEX_NAME"), !rs.getBoolean("NON_UNIQUE"));
                    }
                }
            }
            assertEquals(7, indexes.size(), "primary key, person and five tokens: " + indexes);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE BENCH_CONTACT_SHAPE AS SELECT * FROM CONTACTS_CONTACT WITH NO DATA");
                int n = 0;
                for (Map.Entry<String, java.util.List<String>> index : indexes.entrySet()) {
                    s.execute("CREATE " + (unique.get(index.getKey()) ? "UNIQUE " : "") + "INDEX BENCH_CONTACT_SHAPE_"
                            + n++ + " ON BENCH_CONTACT_SHAPE (" + String.join(", ", index.getValue()) + ")");
                }
            }
            return insertLines(c, csv, "INSERT INTO BENCH_CONTACT_SHAPE (ID, PERSON_ID, CARD, EMAIL_TOKEN, "
                    + "PHONE_TOKEN, LAST_TOKEN, FIRST_TOKEN, OWNER_USER_ID, CREATED_AT, UPDATED_AT, "
                    + "LAST_ACTIVITY_AT, IMPORT_KEY, IMPORT_ID) VALUES (?, ?, ?, ?, ?, ?, ?, 'system', ?, ?, ?, ?, "
                    + "'0b6c5c1e-8a43-4f51-9a2b-7f3c2d1e0a9b')", (insert, v, line) -> {
                        insert.setString(1, org.steward.core.Uuids.timeOrdered().toString());
                        insert.setString(2, org.steward.core.Uuids.timeOrdered().toString());
                        byte[] plain = String.join(",", v).getBytes(StandardCharsets.UTF_8);
                        insert.setString(3, java.util.Base64.getEncoder().encodeToString(
                                java.util.Arrays.copyOf(plain, plain.length + 28)));
                        insert.setLong(4, token(v[2].toLowerCase(java.util.Locale.ROOT)));
                        insert.setLong(5, token(v[3]));
                        insert.setLong(6, token(v[1]));
                        insert.setLong(7, token(v[0]));
                        long now = System.currentTimeMillis();
                        insert.setLong(8, now);
                        insert.setLong(9, now);
                        insert.setLong(10, now);
                        insert.setString(11, "0123456789abcdef0123456789abcdef:" + line);
                    });
        }
    }

    private interface Binder {
        void bind(PreparedStatement insert, String[] values, long line) throws java.sql.SQLException;
    }

    /** Every data line of the CSV through {@code sql}, JDBC batches of {@link #BATCH}, one commit each: seconds. */
    private static double insertLines(Connection c, Path csv, String sql, Binder binder) throws Exception {
        c.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement(sql); var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            long[] n = { 0 };
            lines.skip(1).forEach(text -> {
                try {
                    binder.bind(insert, text.split(","), n[0] + 2);
                    insert.addBatch();
                    if (++n[0] % BATCH == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            insert.executeBatch();
            c.commit();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A well-mixed 64-bit hash (SplitMix64's finaliser over the string hash), in place of a keyed blind index. */
    private static long token(String value) {
        long h = value.hashCode() * 0x9E3779B97F4A7C15L + value.length();
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** CPU seconds per thread name (pool threads summed by their name), so a run shows which side bounds it. */
    private static Map<String, Long> cpuByThread() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    cpu.merge(info.getThreadName() + "#" + info.getThreadId(), t, Long::sum);
                }
            }
        }
        return cpu;
    }

    private static String cpuSplit(Map<String, Long> before, Map<String, Long> after, long gcMillis, double seconds) {
        Map<String, Long> byName = new java.util.TreeMap<>();
        after.forEach((key, t) -> byName.merge(key.substring(0, key.lastIndexOf('#')), t - before.getOrDefault(key,
                0L), Long::sum));
        long total = byName.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "Java threads' CPU during the "
                + "import %.1f s of %.1f s wall on %d cores (GC pauses %.1f s):", total / 1e9, seconds,
                Runtime.getRuntime().availableProcessors(), gcMillis / 1e3));
        byName.entrySet().stream().filter(e -> e.getValue() > 200_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).forEach(e -> text.append(String.format(
                        java.util.Locale.ROOT, " %s %.1f s,", e.getKey(), e.getValue() / 1e9)));
        return text.substring(0, text.length() - 1);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
