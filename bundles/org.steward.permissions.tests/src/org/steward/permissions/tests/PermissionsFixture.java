package org.steward.permissions.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.DataClassification;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.PermissionAdministration;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/**
 * A fresh embedded Derby database (through Config Admin) with the audit log and the permissions service that opened
 * on it, and the organisation every test uses:
 *
 * <pre>
 * Director            Elsewhere
 *   Manager             (stranger, stranger2)
 *     Staff
 * </pre>
 */
final class PermissionsFixture {

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String PERMISSIONS_PID = "org.steward.permissions";
    static final String BUNDLE = "org.steward.permissions";

    /** A contact's fields, one of each classification. */
    static final Map<String, DataClassification> CONTACT_FIELDS = Map.of("status", DataClassification.NOT_PERSONAL,
            "name", DataClassification.PERSONAL, "email", DataClassification.PERSONAL, "birthDate",
            DataClassification.SENSITIVE, "religion", DataClassification.SPECIAL_CATEGORY);

    final BundleContext context;
    final Path databaseFolder;
    AccessDecisions decisions;
    PermissionAdministration administration;
    AuditLog audit;

    private PermissionsFixture(BundleContext context, Path folder) {
        this.context = context;
        this.databaseFolder = folder;
    }

    /** A new database, and the audit log and permissions service on it, with the default configuration. */
    static PermissionsFixture fresh(BundleContext context) throws Exception {
        // the default profiles' grants in the shipped modules come from those modules
        ShippedModuleGrants.register(context);
        // the services on the previous database must be there before we note them, or we might take one for new
        Osgi.service(context, AccessDecisions.class);
        Set<Object> oldDecisions = current(context, AccessDecisions.class);
        Set<Object> oldAudit = current(context, AuditLog.class);
        Path folder = TempFolders.create("permissions").resolve("db");
        String url = "jdbc:derby:" + folder;
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", url));
        Osgi.service(context, StewardPersistence.class, p -> p.info().url().equals(url));
        PermissionsFixture fixture = new PermissionsFixture(context, folder);
        fixture.audit = Osgi.service(context, AuditLog.class, a -> !oldAudit.contains(a));
        fixture.decisions = Osgi.service(context, AccessDecisions.class, d -> !oldDecisions.contains(d));
        fixture.administration = (PermissionAdministration) fixture.decisions;
        return fixture;
    }

    private boolean configured;

    /** Reconfigures the permissions service and waits for the instance with the new settings. */
    void configure(Map<String, ?> settings) throws Exception {
        configured = !settings.isEmpty();
        Set<Object> old = current(context, AccessDecisions.class);
        Osgi.configure(context, PERMISSIONS_PID, settings);
        decisions = Osgi.service(context, AccessDecisions.class, d -> !old.contains(d));
        administration = (PermissionAdministration) decisions;
    }

    /** Restarts the permissions bundle and waits for the new service instance. */
    void restart() throws Exception {
        Set<Object> old = current(context, AccessDecisions.class);
        Osgi.restart(context, BUNDLE);
        decisions = Osgi.service(context, AccessDecisions.class, d -> !old.contains(d));
        administration = (PermissionAdministration) decisions;
    }

    /**
     * Back to the default permission settings (only when changed: every change restarts the service). The database
     * configuration is left to the next {@link #fresh} and replaced by a plain update: deleting the PID and creating
     * it again at once sometimes made SCR miss the second event (measured here: the persistence component stayed on
     * the previous database, with Config Admin and SCR idle), so every test in this bundle gets its database by one
     * update.
     */
    void close() throws Exception {
        if (configured) {
            configure(Map.of());
        }
    }

    private static Set<Object> current(BundleContext context, Class<?> type) throws Exception {
        Set<Object> services = Collections.newSetFromMap(new IdentityHashMap<>());
        ServiceReference<?>[] refs = context.getServiceReferences(type.getName(), null);
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object service = context.getService(ref);
            if (service != null) {
                services.add(service);
            }
        }
        return services;
    }

    /** The organisation of the class comment, created by Steward itself (as the identity module would). */
    void organisation() {
        Actor system = Actor.system();
        administration.createRole(system, "Director", Optional.empty(), "heads the company");
        administration.createRole(system, "Manager", Optional.of("Director"), "leads a team");
        administration.createRole(system, "Staff", Optional.of("Manager"), "team members");
        administration.createRole(system, "Elsewhere", Optional.empty(), "another branch");
    }

    /** Gives a user a role and a profile. */
    void user(String userId, String role, String profile) {
        administration.assignRole(Actor.system(), userId, role);
        administration.assignProfile(Actor.system(), userId, profile);
    }

    /** A user acting from the client, last authenticated {@code ago} before now (null: never in this session). */
    static Actor actor(String userId, Duration ago) {
        Actor actor = new Actor(userId, userId + "-login", Channel.CLIENT, Optional.of("192.0.2.7"),
                Optional.of("session-" + userId));
        return ago == null ? actor : actor.authenticatedAt(Instant.now().minus(ago));
    }

    static Actor actor(String userId) {
        return actor(userId, Duration.ofMinutes(1));
    }

    /** The audit entries with this action by this user, oldest first. */
    List<AuditEntry> audited(String action, String actorId) {
        return audit.query(AuditQuery.builder().action(action).actor(actorId).oldestFirst().limit(1000).build())
                .entries();
    }

    /** Invokes a console command of the roles scope as Gogo would, by its method; rethrows what it throws. */
    Object command(String function, Object... arguments) throws Throwable {
        Osgi.service(context, PermissionAdministration.class);
        String[] strings = java.util.Arrays.copyOf(arguments, arguments.length, String[].class);
        return Consoles.invokeWithStrings(context, "roles", function, strings);
    }
}
