package org.steward.audit.tests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/**
 * A fresh embedded Derby database (through Config Admin) and the audit log that opened on it; direct JDBC access for
 * tampering; the real console commands.
 */
final class AuditFixture {

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String AUDIT_PID = "org.steward.audit";

    final BundleContext context;
    final Path databaseFolder;
    final StewardPersistence persistence;
    AuditLog log;

    private AuditFixture(BundleContext context, Path folder, StewardPersistence persistence, AuditLog log) {
        this.context = context;
        this.databaseFolder = folder;
        this.persistence = persistence;
        this.log = log;
    }

    /** A new database and an audit log on it, with the audit configuration given (empty: defaults). */
    static AuditFixture fresh(BundleContext context, Map<String, ?> auditConfig) throws Exception {
        Set<AuditLog> before = current(context);
        Map<String, Object> audit = new java.util.HashMap<>(auditConfig);
        audit.putIfAbsent("anchorInterval", 1000);
        Path folder = TempFolders.create("audit").resolve("db");
        String url = "jdbc:derby:" + folder;
        // updates only, never a delete between tests: SCR can miss an update that closely follows a delete
        update(context, AUDIT_PID, audit);
        update(context, PERSISTENCE_PID, Map.of("jdbcUrl", url));
        StewardPersistence persistence = await(context, StewardPersistence.class, p -> p.info().url().equals(url));
        AuditLog log = await(context, AuditLog.class, a -> !before.contains(a) && isEmpty(a));
        return new AuditFixture(context, folder, persistence, log);
    }

    private static void update(BundleContext context, String pid, Map<String, ?> properties) throws Exception {
        org.osgi.service.cm.ConfigurationAdmin admin = Osgi.service(context,
                org.osgi.service.cm.ConfigurationAdmin.class);
        java.util.Dictionary<String, Object> dictionary = new java.util.Hashtable<>();
        properties.forEach(dictionary::put);
        admin.getConfiguration(pid, "?").updateIfDifferent(dictionary);
    }

    private static boolean isEmpty(AuditLog log) {
        try {
            return log.latest().isEmpty();
        } catch (RuntimeException stopping) {
            return false; // an instance on the previous database that is going away
        }
    }

    /** Back to the default database and audit settings. */
    static void reset(BundleContext context) throws Exception {
        update(context, AUDIT_PID, Map.of("anchorInterval", 1000));
        update(context, PERSISTENCE_PID, Map.of("jdbcUrl", ""));
    }

    private static Set<AuditLog> current(BundleContext context) throws Exception {
        Set<AuditLog> logs = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ServiceReference<AuditLog> ref : context.getServiceReferences(AuditLog.class, null)) {
            AuditLog log = context.getService(ref);
            if (log != null) {
                logs.add(log);
                context.ungetService(ref);
            }
        }
        return logs;
    }

    /** Restarts a bundle and waits for the audit log instance that replaces the current one. */
    AuditLog restart(String bundle) throws Exception {
        AuditLog old = log;
        Osgi.restart(context, bundle);
        log = await(context, AuditLog.class, a -> a != old);
        return log;
    }

    /**
     * Waits for a service instance that satisfies a condition. SCR may replace the instance behind one registration
     * (a reconfigured component keeps its registration); the framework would keep handing this bundle the instance it
     * cached, so every use of this bundle is released before each look.
     */
    static <T> T await(BundleContext context, Class<T> type, java.util.function.Predicate<T> condition)
            throws Exception {
        try {
            return Osgi.awaitCurrent(context, type, condition);
        } catch (AssertionError timedOut) {
            // fall through to the diagnosis below
        }
        StringBuilder state = new StringBuilder();
        var scr = Osgi.service(context, org.osgi.service.component.runtime.ServiceComponentRuntime.class);
        for (var d : scr.getComponentDescriptionDTOs()) {
            if (d.name.contains("Persistence") || d.name.contains("AuditService")) {
                for (var c : scr.getComponentConfigurationDTOs(d)) {
                    state.append(d.name).append(" state=").append(c.state).append(" props=")
                            .append(c.properties.get("jdbcUrl")).append(" failure=").append(c.failure)
                            .append(" unsatisfied=").append(java.util.Arrays.toString(c.unsatisfiedReferences))
                            .append("; ");
                }
            }
        }
        var cm = Osgi.service(context, org.osgi.service.cm.ConfigurationAdmin.class);
        var configs = cm.listConfigurations(null);
        if (configs != null) {
            for (var c : configs) {
                state.append(" config ").append(c.getPid()).append(" loc=").append(c.getBundleLocation())
                        .append(" ").append(c.getProperties());
            }
        }
        throw new AssertionError("No " + type.getName() + " satisfying the condition within " + Osgi.TIMEOUT + ": "
                + state);
    }

    Connection connection() throws SQLException {
        return persistence.dataSource().getConnection();
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Every row of AUDIT_ENTRY in SEQ order, as column name to value. */
    List<Map<String, Object>> rows() throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM AUDIT_ENTRY ORDER BY SEQ")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnName(i).toUpperCase(), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Invokes a console command of the audit scope as Gogo would, by its method; rethrows what the command throws. */
    Object command(String function, Class<?>[] types, Object... arguments) throws Throwable {
        return Consoles.invoke(context, "audit", function, types, arguments);
    }

    static Actor user(String id) {
        return new Actor(id, id + "-login", Channel.CLIENT, Optional.of("192.0.2.10"), Optional.of("session-" + id));
    }

    static AuditEvent read(Actor actor, PersonId person, String contactId) {
        return AuditEvent.builder(actor, "contact.read").target("contacts", "contact", contactId).person(person)
                .fields("name", "email").build();
    }

    static AuditEvent event(int i) {
        return AuditEvent.builder(user("u" + (i % 3)), i % 2 == 0 ? "contact.read" : "contact.update")
                .target("contacts", "contact", "c-" + i).person(new PersonId(new java.util.UUID(0, i % 5 + 1)))
                .fields("name", "phone").outcome(i % 7 == 0 ? Outcome.DENIED : Outcome.SUCCESS)
                .details("entry " + i).build();
    }
}
