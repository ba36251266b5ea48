package org.steward.tickets.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.consent.Consents;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.core.spi.RetentionParticipant;
import org.steward.permissions.PermissionAdministration;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;
import org.steward.testing.TempFolders;
import org.steward.tickets.CustomerContactDetails;
import org.steward.tickets.Tickets;

/**
 * A fresh embedded Derby database (through Config Admin), a simulated clock registered as a {@link Clock} service, and
 * the real services that started on that database: tickets (with its personal-data provider and retention
 * participant), contacts, consent, permissions, audit.
 */
final class TicketsFixture {

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String TICKETS_PID = "org.steward.tickets";
    static final Instant START = Instant.parse("2031-03-03T08:00:00Z");


    final BundleContext context;
    final Path databaseFolder;
    final SimulatedClock clock;
    StewardPersistence persistence;
    Tickets tickets;
    PersonalDataProvider provider;
    RetentionParticipant retention;
    Contacts contacts;
    Consents consents;
    PermissionAdministration permissions;
    AuditLog audit;

    private TicketsFixture(BundleContext context, Path folder, SimulatedClock clock) {
        this.context = context;
        this.databaseFolder = folder;
        this.clock = clock;
    }

    static SimulatedClock clock(BundleContext context) {
        return SimulatedClock.shared(context, START);
    }

    /** A new database, with the tickets configuration given (empty: defaults). */
    static TicketsFixture fresh(BundleContext context, Map<String, ?> ticketsConfig) throws Exception {
        SimulatedClock clock = clock(context);
        clock.set(START);
        Osgi.service(context, Tickets.class);
        Set<Object> oldTickets = current(context, Tickets.class);
        Set<Object> oldProviders = current(context, PersonalDataProvider.class);
        Set<Object> oldRetention = current(context, RetentionParticipant.class);
        Set<Object> oldContacts = current(context, Contacts.class);
        Set<Object> oldConsents = current(context, Consents.class);
        Set<Object> oldPermissions = current(context, PermissionAdministration.class);
        Set<Object> oldAudit = current(context, AuditLog.class);
        Osgi.configure(context, TICKETS_PID, ticketsConfig);
        Path folder = TempFolders.create("tickets").resolve("db");
        String url = "jdbc:derby:" + folder;
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", url));
        TicketsFixture fixture = new TicketsFixture(context, folder, clock);
        fixture.persistence = Osgi.service(context, StewardPersistence.class, p -> p.info().url().equals(url));
        fixture.audit = Osgi.service(context, AuditLog.class, a -> !oldAudit.contains(a));
        fixture.permissions = Osgi.service(context, PermissionAdministration.class, p -> !oldPermissions.contains(p));
        fixture.contacts = Osgi.service(context, Contacts.class, c -> !oldContacts.contains(c));
        fixture.consents = Osgi.service(context, Consents.class, c -> !oldConsents.contains(c));
        fixture.tickets = Osgi.service(context, Tickets.class, t -> !oldTickets.contains(t));
        fixture.awaitModuleServices(oldProviders, oldRetention);
        return fixture;
    }

    /** Reconfigures the tickets module on the same database and waits for the new instance. */
    void configure(Map<String, ?> settings) throws Exception {
        Set<Object> old = current(context, Tickets.class);
        Set<Object> oldProviders = current(context, PersonalDataProvider.class);
        Set<Object> oldRetention = current(context, RetentionParticipant.class);
        Osgi.configure(context, TICKETS_PID, settings);
        tickets = Osgi.service(context, Tickets.class, t -> !old.contains(t));
        awaitModuleServices(oldProviders, oldRetention);
    }

    /** The tickets module's provider and retention participant of the same start as {@link #tickets}. */
    private void awaitModuleServices(Set<Object> oldProviders, Set<Object> oldRetention) {
        provider = Osgi.service(context, PersonalDataProvider.class,
                p -> Tickets.MODULE.equals(p.module()) && !oldProviders.contains(p));
        retention = Osgi.service(context, RetentionParticipant.class,
                r -> Tickets.MODULE.equals(r.module()) && !oldRetention.contains(r));
    }

    static void reset(BundleContext context) throws Exception {
        Osgi.configure(context, TICKETS_PID, Map.of());
    }

    PersonalDataProvider provider() {
        return provider;
    }

    RetentionParticipant retention() {
        return retention;
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

    // ------------------------------------------------------------------------------------------- organisation

    /** A role (team) at the top of the hierarchy. */
    void team(String name) {
        permissions.createRole(Actor.system(), name, Optional.empty(), "helpdesk team " + name);
    }

    void user(String userId, String role, String profile) {
        if (role != null) {
            permissions.assignRole(Actor.system(), userId, role);
        }
        permissions.assignProfile(Actor.system(), userId, profile);
    }

    /** A staff user at the client, authenticated a moment ago. */
    static Actor agent(String userId) {
        return new Actor(userId, userId + "-login", Channel.CLIENT, Optional.of("192.0.2.20"),
                Optional.of("session-" + userId)).authenticatedAt(Instant.now());
    }

    List<AuditEntry> audited(String action) {
        return audit.query(AuditQuery.builder().action(action).oldestFirst().limit(1000).build()).entries();
    }

    // ------------------------------------------------------------------------------------------- database bytes

    /** Forces Derby to write its cached pages, so that the files hold what the tables hold. */
    void checkpoint() throws SQLException {
        try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
        }
    }

    /** The files of the tickets module's tables and their indexes ({@code seg0/c<conglomerate in hex>.dat}). */
    List<Path> ticketTableFiles() throws SQLException {
        List<Path> files = new ArrayList<>();
        try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.CONGLOMERATENUMBER FROM SYS.SYSCONGLOMERATES c "
                        + "JOIN SYS.SYSTABLES t ON c.TABLEID = t.TABLEID WHERE t.TABLENAME LIKE 'TICKETS_%'")) {
            while (rs.next()) {
                Path file = databaseFolder.resolve("seg0").resolve("c" + Long.toHexString(rs.getLong(1)) + ".dat");
                if (Files.exists(file)) {
                    files.add(file);
                }
            }
        }
        if (files.size() < 4) {
            throw new AssertionError("expected the files of the four TICKETS_ tables, found " + files);
        }
        return files;
    }

    /** Every file of the database folder: data pages, transaction log, everything. */
    List<Path> allDatabaseFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(databaseFolder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /**
     * The needles (in UTF-8, Derby's modified UTF-8 for these texts, and UTF-16 both ways, case-insensitively for
     * ASCII letters) found in the files, as "needle in file".
     */
    static List<String> scan(List<Path> files, List<String> needles) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String needle : needles) {
                for (byte[] pattern : List.of(needle.getBytes(StandardCharsets.UTF_8),
                        needle.getBytes(StandardCharsets.UTF_16BE), needle.getBytes(StandardCharsets.UTF_16LE),
                        needle.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
                        needle.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
                    if (indexOf(bytes, pattern) >= 0) {
                        found.add("'" + needle + "' in " + file.getFileName());
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    long count(String sql) throws SQLException {
        try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The self-service of contact details on this fixture's database (SCR replaces it with the store). */
    CustomerContactDetails contactDetails() {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (CustomerContactDetails details : Osgi.currentInstances(context, CustomerContactDetails.class)) {
                return details;
            }
            Osgi.sleep(50);
        }
        throw new AssertionError("no CustomerContactDetails service: is the contacts module running?");
    }

    // ------------------------------------------------------------------------------------------- console

    /** Invokes a console command of the tickets scope as Gogo would, by its method; rethrows what it throws. */
    Object command(String function, Class<?>[] types, Object... arguments) throws Throwable {
        return Consoles.invoke(context, "tickets", function, types, arguments);
    }
}
