package org.steward.contacts.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.contacts.Companies;
import org.steward.contacts.ContactExport;
import org.steward.contacts.ContactImport;
import org.steward.contacts.Contacts;
import org.steward.contacts.Duplicates;
import org.steward.contacts.FieldCatalogue;
import org.steward.contacts.Leads;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.core.spi.RetentionParticipant;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.BlocklistEntry;
import org.steward.encryption.ErasureBlocklist;
import org.steward.permissions.PermissionAdministration;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** A fresh Derby database (by Config Admin update only) and the contacts services that opened on it. */
final class ContactsFixture {

    /** The import threads every fixture configures. */
    static final int IMPORT_THREADS = 4;

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String CONTACTS_PID = "org.steward.contacts";

    final BundleContext context;
    final Path databaseFolder;
    final Path folder;
    final StewardPersistence persistence;
    final Contacts contacts;
    final ContactImport imports;
    final ContactExport exports;
    final Duplicates duplicates;
    final FieldCatalogue catalogue;
    final Leads leads;
    final Companies companies;
    final PersonalDataProvider provider;
    final RetentionParticipant retention;
    final AuditLog audit;
    final BlindIndex blindIndex;

    private ContactsFixture(BundleContext context, Path folder, Path db, StewardPersistence persistence,
            Set<Object> before) throws Exception {
        this.context = context;
        this.folder = folder;
        this.databaseFolder = db;
        this.persistence = persistence;
        this.contacts = await(context, Contacts.class, c -> !before.contains(c)
                && alive(() -> c.count(Actor.system()) == 0));
        this.imports = await(context, ContactImport.class, i -> !before.contains(i)
                && alive(() -> i.unfinished(Actor.system()).isEmpty()));
        this.exports = await(context, ContactExport.class, e -> !before.contains(e));
        this.duplicates = await(context, Duplicates.class, d -> !before.contains(d));
        this.catalogue = await(context, FieldCatalogue.class, f -> !before.contains(f)
                && f.fields().stream().noneMatch(x -> !x.builtIn()));
        this.leads = await(context, Leads.class, l -> !before.contains(l));
        this.companies = await(context, Companies.class, l -> !before.contains(l));
        this.provider = await(context, PersonalDataProvider.class, p -> !before.contains(p)
                && "contacts".equals(p.module()));
        this.retention = await(context, RetentionParticipant.class, p -> !before.contains(p)
                && "contacts".equals(p.module()));
        this.audit = Osgi.service(context, AuditLog.class);
        this.blindIndex = Osgi.service(context, BlindIndex.class);
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static boolean alive(Check check) {
        try {
            return check.test();
        } catch (Exception e) {
            return false;
        }
    }

    static ContactsFixture fresh(BundleContext context) throws Exception {
        Set<Object> before = identitySet();
        for (Class<?> type : List.of(Contacts.class, ContactImport.class, ContactExport.class, Duplicates.class,
                FieldCatalogue.class, Leads.class, Companies.class, PersonalDataProvider.class,
                RetentionParticipant.class)) {
            for (ServiceReference<?> ref : context.getServiceReferences(type.getName(), null) == null
                    ? new ServiceReference<?>[0] : context.getServiceReferences(type.getName(), null)) {
                Object service = context.getService(ref);
                if (service != null) {
                    before.add(service);
                    context.ungetService(ref);
                }
            }
        }
        Path folder = TempFolders.create("contacts");
        Path db = folder.resolve("db");
        String url = "jdbc:derby:" + db;
        update(context, CONTACTS_PID, Map.of("reportFolder",
                folder.resolve("reports").toString(), "importThreads", IMPORT_THREADS));
        update(context, PERSISTENCE_PID, Map.of("jdbcUrl", url));
        StewardPersistence persistence = await(context, StewardPersistence.class, p -> p.info().url().equals(url));
        return new ContactsFixture(context, folder, db, persistence, before);
    }

    static void update(BundleContext context, String pid, Map<String, ?> properties) throws Exception {
        Osgi.configure(context, pid, properties);
    }

    static void reset(BundleContext context) throws Exception {
        update(context, PERSISTENCE_PID, Map.of("jdbcUrl", ""));
    }

    /** Waits for a service instance satisfying a condition, releasing cached instances between looks. */
    static <T> T await(BundleContext context, Class<T> type, Predicate<T> condition) {
        return Osgi.awaitCurrent(context, type, condition);
    }

    Path file(String name, byte[] content) {
        try {
            Path file = folder.resolve(name);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Connection connection() throws SQLException {
        return persistence.dataSource().getConnection();
    }

    long count(String sql, Object... values) throws SQLException {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String string(String sql, Object... values) throws SQLException {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    List<AuditEntry> auditEntries(String action) {
        return audit.query(AuditQuery.builder().action(action).limit(1000).build()).entries();
    }

    /** A staff user with one of the default profiles. */
    Actor user(String id, String profile) {
        PermissionAdministration admin = Osgi.service(context, PermissionAdministration.class);
        admin.assignProfile(Actor.system(), id, profile);
        return new Actor(id, id, Channel.CLIENT, Optional.of("192.0.2.7"), Optional.of("session-" + id));
    }

    /** An in-memory erasure blocklist ranked above any other, so these tests decide who was erased. */
    static final class TestBlocklist implements ErasureBlocklist {
        final Map<String, BlocklistEntry> entries = new ConcurrentHashMap<>();

        @Override
        public void add(PersonId person, Collection<String> blindIndexes, String requestReference) {
            for (String index : blindIndexes) {
                entries.putIfAbsent(index, new BlocklistEntry(person, java.time.Instant.now(), requestReference));
            }
        }

        @Override
        public Optional<BlocklistEntry> match(Collection<String> blindIndexes) {
            return blindIndexes.stream().map(entries::get).filter(e -> e != null).findFirst();
        }

        @Override
        public boolean contains(PersonId person) {
            return entries.values().stream().anyMatch(e -> e.person().equals(person));
        }

        @Override
        public int size() {
            return (int) entries.values().stream().map(BlocklistEntry::person).distinct().count();
        }
    }

    static ServiceRegistration<ErasureBlocklist> register(BundleContext context, TestBlocklist blocklist) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        return context.registerService(ErasureBlocklist.class, blocklist, properties);
    }

    static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
