package org.steward.retention.tests;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.core.Actor;
import org.steward.retention.RetentionService;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;
import org.steward.testing.TempFolders;

/**
 * A fresh Derby database (Config Admin), the retention settings asked for (daily purge off unless asked), one
 * simulated clock for the whole run registered as a service, and the retention service that started on that database.
 */
final class RetentionFixture implements AutoCloseable {

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String RETENTION_PID = "org.steward.retention";
    static final Actor ADMIN = Actor.console("tester");
    static final Instant START = Instant.parse("2030-01-07T08:00:00Z");


    final BundleContext context;
    final SimulatedClock clock;
    final String databaseUrl;
    RetentionService retention;
    private final List<FakeModule> modules = new ArrayList<>();

    private RetentionFixture(BundleContext context, Map<String, ?> config) throws Exception {
        this.context = context;
        this.clock = SimulatedClock.shared(context, START);
        Map<String, Object> settings = new HashMap<>();
        settings.put("dailyPurge", false);
        settings.putAll(config);
        Set<RetentionService> before = current();
        Osgi.configure(context, RETENTION_PID, settings);
        Path folder = TempFolders.create("retention").resolve("db");
        databaseUrl = "jdbc:derby:" + folder;
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", databaseUrl));
        this.retention = await(before, settings);
    }

    static RetentionFixture fresh(BundleContext context) throws Exception {
        return new RetentionFixture(context, Map.of());
    }

    static RetentionFixture fresh(BundleContext context, Map<String, ?> config) throws Exception {
        return new RetentionFixture(context, config);
    }

    private Set<RetentionService> current() throws Exception {
        Set<RetentionService> found = Collections.newSetFromMap(new IdentityHashMap<>());
        found.addAll(instances(context, RetentionService.class));
        return found;
    }

    /** The current instance behind each registration of a service type (see {@link Osgi#currentInstances}). */
    static <T> List<T> instances(BundleContext context, Class<T> type) {
        return Osgi.currentInstances(context, type);
    }

    /**
     * Waits for a retention service on this database with these settings that stays registered: a reconfigured
     * dependency (the audit log, the permissions) replaces the instance once more while the database changes.
     */
    private RetentionService await(Set<RetentionService> before, Map<String, Object> settings) throws Exception {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            RetentionService candidate = current().stream().filter(s -> !before.contains(s) && matches(s, settings))
                    .findFirst().orElse(null);
            if (candidate == null) {
                Osgi.sleep(50);
                continue;
            }
            Osgi.sleep(300);
            if (current().contains(candidate) && matches(candidate, settings)) {
                return candidate;
            }
            before.add(candidate);
        }
        throw new AssertionError("no stable retention service on " + databaseUrl);
    }

    private boolean matches(RetentionService s, Map<String, Object> settings) {
        try {
            var status = s.status();
            return status.database().equals(databaseUrl)
                    && status.dailyPurge() == (Boolean) settings.get("dailyPurge")
                    && (!settings.containsKey("recycleBinDays")
                            || status.recycleBinDays() == (Integer) settings.get("recycleBinDays"))
                    && s.runs(1, Actor.system()).isEmpty();
        } catch (RuntimeException stale) {
            return false;
        }
    }

    /** Registers a fake module and waits until the retention service sees it. */
    FakeModule module(FakeModule module) {
        modules.add(module.register(context));
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (!retention.status().participants().contains(module.module())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the retention service does not see the module " + module.module());
            }
            Osgi.sleep(20);
        }
        return module;
    }

    List<AuditEntry> audit(String action, String runId) {
        AuditLog log;
        try {
            log = instances(context, AuditLog.class).get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return log.query(AuditQuery.builder().action(action).target("retention", "run", runId).limit(1000)
                .oldestFirst().build()).entries();
    }

    @Override
    public void close() {
        modules.forEach(FakeModule::unregister);
    }
}
