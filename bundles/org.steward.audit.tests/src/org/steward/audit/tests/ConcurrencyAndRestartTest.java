package org.steward.audit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditVerification;
import org.steward.core.Actor;
import org.steward.core.UnavailableException;
import org.steward.testing.Osgi;

/** Many writers keep one chain; acknowledged entries survive restarts of the audit and persistence bundles. */
class ConcurrencyAndRestartTest {

    private final BundleContext context = Osgi.context(ConcurrencyAndRestartTest.class);
    private AuditFixture fixture;

    @BeforeEach
    void freshDatabase() throws Exception {
        fixture = AuditFixture.fresh(context, Map.of());
    }

    @AfterAll
    static void defaults() throws Exception {
        AuditFixture.reset(Osgi.context(ConcurrencyAndRestartTest.class));
    }

    @Test
    void eightThreadsTimesAThousandAppendsLeaveOneValidChain() throws Exception {
        int threads = 8;
        int each = 1000;
        ConcurrentLinkedQueue<AuditEntry> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Actor actor = AuditFixture.user("writer" + t);
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    acknowledged.add(fixture.log.append(AuditEvent.builder(actor, "contact.read")
                            .target("contacts", "contact", thread + "-" + i).fields("name").build()));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        Set<Long> seqs = new TreeSet<>();
        acknowledged.forEach(e -> seqs.add(e.seq()));
        assertEquals(threads * each, seqs.size(), "every caller got its own sequence number");
        assertEquals(1L, seqs.iterator().next());
        assertEquals((long) threads * each, ((TreeSet<Long>) seqs).last());

        try (Connection c = fixture.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(SEQ), MAX(SEQ) FROM AUDIT_ENTRY")) {
            rs.next();
            assertEquals(threads * each, rs.getLong(1));
            assertEquals(1, rs.getLong(2));
            assertEquals(threads * each, rs.getLong(3));
        }
        AuditVerification verification = fixture.log.verify();
        assertTrue(verification.intact(), verification.toString());
        assertEquals(threads * each, verification.checked());
        assertTrue(verification.anchorsChecked() >= 8, "an anchor every 1000 entries: " + verification);
    }

    @Test
    void acknowledgedEntriesSurviveRestartsOfAuditAndPersistence() throws Exception {
        for (int i = 1; i <= 50; i++) {
            fixture.log.append(AuditFixture.event(i));
        }
        AuditLog stopped = fixture.log;
        AuditLog restarted = fixture.restart("org.steward.audit");
        assertEquals(50, restarted.latest().orElseThrow().seq());
        try {
            stopped.append(AuditFixture.event(0));
            throw new AssertionError("a stopped audit log must refuse entries");
        } catch (UnavailableException expected) {
            // the stopped instance says so instead of losing the entry
        }
        assertEquals(51, restarted.append(AuditFixture.event(51)).seq(), "the chain continues after the restart");

        AuditLog afterDatabase = fixture.restart("org.steward.persistence");
        assertEquals(51, afterDatabase.latest().orElseThrow().seq());
        assertEquals(52, afterDatabase.append(AuditFixture.event(52)).seq());
        AuditVerification verification = afterDatabase.verify();
        assertTrue(verification.intact(), verification.toString());
        assertEquals(52, verification.checked());
        assertTrue(verification.anchorsChecked() >= 2, "both stops wrote an anchor: " + verification);
    }

    @Test
    void appendsInFlightWhenTheModuleStopsAreEitherCommittedOrRefused() throws Exception {
        ConcurrentLinkedQueue<AuditEntry> acknowledged = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AuditLog log = fixture.log;
        CountDownLatch running = new CountDownLatch(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                running.countDown();
                try {
                    while (true) {
                        acknowledged.add(log.append(AuditFixture.event(acknowledged.size())));
                    }
                } catch (UnavailableException stopped) {
                    return null;
                }
            }));
        }
        running.await();
        Osgi.sleep(300);
        AuditLog restarted = fixture.restart("org.steward.audit");
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long lastAcknowledged = acknowledged.stream().mapToLong(AuditEntry::seq).max().orElse(0);
        assertTrue(lastAcknowledged > 0);
        assertTrue(restarted.latest().orElseThrow().seq() >= lastAcknowledged, "no acknowledged entry was lost");
        assertTrue(restarted.verify().intact());
    }
}
