package org.steward.breaches.tests;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.breaches.BreachDraft;
import org.steward.breaches.Breaches;
import org.steward.breaches.RiskLevel;
import org.steward.core.Actor;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;
import org.steward.testing.TempFolders;

/**
 * A fresh Derby database (Config Admin), the overdue check every second, one simulated clock for the whole run
 * registered as a service, and the breach register that started on that database.
 */
final class BreachesFixture {

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String BREACHES_PID = "org.steward.breaches";
    static final Actor DPO = Actor.console("dpo");
    static final Instant START = Instant.parse("2030-03-04T10:00:00Z");
    /** Free text that must never reach a log or an audit entry. */
    static final String SECRET_NATURE = "Laptop of Zofia Kowalska stolen from her car";


    final BundleContext context;
    final SimulatedClock clock;
    final String databaseUrl;
    final Breaches breaches;

    private BreachesFixture(BundleContext context) throws Exception {
        this.context = context;
        this.clock = SimulatedClock.shared(context, START);
        Set<Breaches> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(instances(context, Breaches.class));
        Osgi.configure(context, BREACHES_PID, Map.of("checkIntervalSeconds", 1));
        Path folder = TempFolders.create("breaches").resolve("db");
        databaseUrl = "jdbc:derby:" + folder;
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", databaseUrl));
        this.breaches = await(before);
    }

    static BreachesFixture fresh(BundleContext context) throws Exception {
        return new BreachesFixture(context);
    }

    /** A register instance on this database that stays registered (dependencies restart while the database changes). */
    private Breaches await(Set<Breaches> before) throws Exception {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Breaches candidate = instances(context, Breaches.class).stream()
                    .filter(b -> !before.contains(b) && matches(b)).findFirst().orElse(null);
            if (candidate == null) {
                Osgi.sleep(50);
                continue;
            }
            Osgi.sleep(300);
            if (instances(context, Breaches.class).contains(candidate) && matches(candidate)) {
                return candidate;
            }
            before.add(candidate);
        }
        throw new AssertionError("no stable breach register on " + databaseUrl);
    }

    private boolean matches(Breaches b) {
        try {
            var status = b.status();
            return status.database().equals(databaseUrl) && status.checkIntervalSeconds() == 1;
        } catch (RuntimeException stale) {
            return false;
        }
    }

    /** The current instance behind each registration of a service type (see {@link Osgi#currentInstances}). */
    static <T> List<T> instances(BundleContext context, Class<T> type) {
        return Osgi.currentInstances(context, type);
    }

    <T> T current(Class<T> type) {
        try {
            List<T> found = instances(context, type);
            if (found.isEmpty()) {
                return Osgi.service(context, type);
            }
            return found.get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    BreachDraft.Builder draft(Instant aware) {
        return BreachDraft.builder().discoveredAt(aware.minusSeconds(3600)).awareAt(aware).nature(SECRET_NATURE)
                .subjects("customers", 120).data("contact details, order history", 480)
                .consequences("Phishing attempts using the order history")
                .measures("Remote wipe requested; passwords of staff reset").contactPoint("DPO, dpo@example.com")
                .risk(RiskLevel.HIGH_RISK);
    }

    List<AuditEntry> audit(String action) {
        return current(AuditLog.class).query(AuditQuery.builder().action(action).limit(1000).oldestFirst().build())
                .entries();
    }

    /** Invokes a console command of the breaches scope as Gogo would, by its method. */
    Object command(String function, Class<?>[] types, Object... arguments) throws Throwable {
        return Consoles.invoke(context, "breaches", function, types, arguments);
    }
}
