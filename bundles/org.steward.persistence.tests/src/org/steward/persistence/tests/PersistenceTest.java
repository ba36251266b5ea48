package org.steward.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.core.ConflictException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.persistence.BackupRecord;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/** The persistence service on a real embedded Derby database in a fresh folder for every test. */
class PersistenceTest {

    static final String PID = "org.steward.persistence";

    private final BundleContext context = Osgi.context(PersistenceTest.class);
    private final Bundle self = context.getBundle();
    private Path databaseFolder;
    private StewardPersistence persistence;

    @BeforeEach
    void freshDatabase() throws Exception {
        databaseFolder = TempFolders.create("db").resolve("db");
        persistence = useDatabase(databaseFolder);
    }

    /** Tests switch databases by configuration only; the default database below target/ is never used here. */
    StewardPersistence useDatabase(Path folder) throws Exception {
        Osgi.configure(context, PID, Map.of("jdbcUrl", "jdbc:derby:" + folder));
        return Osgi.service(context, StewardPersistence.class, p -> p.info().url().equals("jdbc:derby:" + folder));
    }

    private void inTransaction(EntityManagerFactory factory, Consumer<EntityManager> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    @Test
    void rowPersistedByAModuleSurvivesARestartOfPersistence() throws Exception {
        String id = UUID.randomUUID().toString();
        EntityManagerFactory factory = persistence.open(self, PersistenceUnit.of("probe", 1));
        inTransaction(factory, em -> em.persist(new ProbeNote(id, "Zażółć gęślą jaźń")));
        factory.close();

        StewardPersistence before = persistence;
        Osgi.restart(context, "org.steward.persistence");
        StewardPersistence after = Osgi.service(context, StewardPersistence.class, p -> p != before);
        assertEquals("jdbc:derby:" + databaseFolder, after.info().url());

        EntityManagerFactory reopened = after.open(self, PersistenceUnit.of("probe", 1));
        EntityManager em = reopened.createEntityManager();
        ProbeNote found = em.find(ProbeNote.class, id);
        assertNotNull(found, "the row is still there after the restart");
        assertEquals("Zażółć gęślą jaźń", found.text());
        em.close();
        reopened.close();
        assertEquals(Optional.of(1), after.schemaVersion("probe"));
        assertEquals(Optional.empty(), after.schemaVersion("never-opened"));
    }

    @Test
    void upgradeRunsEachMigrationStepOnceKeepsDataAndRefusesDowngrade() throws Exception {
        EntityManagerFactory v1 = persistence.open(self, PersistenceUnit.of("probe-upgrade", 1));
        inTransaction(v1, em -> em.persist(new UpgradeNote("n1", "old text")));
        v1.close();

        int[] calls = new int[1];
        PersistenceUnit v3 = new PersistenceUnit("probe-upgrade", 3, (from, connection) -> {
            calls[0]++;
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("UPDATE UPGRADE_NOTE SET TEXT = TEXT || ' v" + (from + 1) + "'");
            }
        });
        EntityManagerFactory upgraded = persistence.open(self, v3);
        EntityManager em = upgraded.createEntityManager();
        assertEquals("old text v2 v3", em.find(UpgradeNote.class, "n1").text());
        em.close();
        upgraded.close();
        assertEquals(2, calls[0]);
        assertEquals(Optional.of(3), persistence.schemaVersion("probe-upgrade"));

        persistence.open(self, v3).close();
        assertEquals(2, calls[0], "an up-to-date schema is not migrated again");

        ConflictException downgrade = assertThrows(ConflictException.class,
                () -> persistence.open(self, PersistenceUnit.of("probe-upgrade", 2)));
        assertTrue(downgrade.getMessage().contains("newer"), downgrade.getMessage());
    }

    @Test
    void failedMigrationIsRolledBackAndTheOldVersionStays() throws Exception {
        EntityManagerFactory v1 = persistence.open(self, PersistenceUnit.of("probe-upgrade", 1));
        inTransaction(v1, em -> em.persist(new UpgradeNote("n2", "kept")));
        v1.close();
        PersistenceUnit broken = new PersistenceUnit("probe-upgrade", 2, (from, connection) -> {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("UPDATE UPGRADE_NOTE SET TEXT = 'half-written'");
                s.executeUpdate("UPDATE NO_SUCH_TABLE SET X = 1");
            }
        });
        UnavailableException failure = assertThrows(UnavailableException.class, () -> persistence.open(self, broken));
        assertTrue(failure.getMessage().contains("rolled back"), failure.getMessage());
        assertEquals(Optional.of(1), persistence.schemaVersion("probe-upgrade"));
        EntityManagerFactory again = persistence.open(self, PersistenceUnit.of("probe-upgrade", 1));
        EntityManager em = again.createEntityManager();
        assertEquals("kept", em.find(UpgradeNote.class, "n2").text());
        em.close();
        again.close();
    }

    @Test
    void onlineBackupHoldsTheDataAndIsRemembered() throws Exception {
        EntityManagerFactory factory = persistence.open(self, PersistenceUnit.of("probe", 1));
        inTransaction(factory, em -> em.persist(new ProbeNote("backed-up", "in the backup")));
        factory.close();
        Path backups = TempFolders.create("backups");

        BackupRecord record = persistence.backup(backups);
        assertTrue(Files.isRegularFile(record.folder().resolve("service.properties")), record.folder().toString());
        assertTrue(record.bytes() > 0);
        assertEquals(record.folder(), persistence.backups().get(0).folder());

        StewardPersistence restored = useDatabase(record.folder());
        EntityManagerFactory fromBackup = restored.open(self, PersistenceUnit.of("probe", 1));
        EntityManager em = fromBackup.createEntityManager();
        assertEquals("in the backup", em.find(ProbeNote.class, "backed-up").text());
        em.close();
        fromBackup.close();

        ValidationException inside = assertThrows(ValidationException.class,
                () -> restored.backup(record.folder().resolve("nested")));
        assertEquals("folder", inside.field());
    }

    @Test
    void newBackupsAreListedNewestFirstAfterARestart() throws Exception {
        Path target = TempFolders.create("backups");
        persistence.backup(target);
        Thread.sleep(1100); // backup folders are named to the second
        BackupRecord newest = persistence.backup(target);
        StewardPersistence before = persistence;
        Osgi.restart(context, "org.steward.persistence");
        StewardPersistence after = Osgi.service(context, StewardPersistence.class, p -> p != before);
        assertEquals(2, after.backups().size());
        assertEquals(newest.folder(), after.backups().get(0).folder());
        assertFalse(after.backups().get(1).takenAt().isAfter(newest.takenAt()));
    }

    @Test
    void embeddedPageCacheIsSizedByTheConfiguration() throws Exception {
        assertEquals(8000, pageCacheEntries(databaseFolder), "default");

        Path folder = TempFolders.create("cache").resolve("db");
        Osgi.configure(context, PID, Map.of("jdbcUrl", "jdbc:derby:" + folder, "embeddedPageCachePages", 1234));
        Osgi.service(context, StewardPersistence.class, p -> p.info().url().equals("jdbc:derby:" + folder));
        assertEquals(1234, pageCacheEntries(folder));
    }

    /** The size Derby gave the page cache of the database in {@code folder}, from Derby's own management bean. */
    private static long pageCacheEntries(Path folder) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.derby:type=CacheManager,name=PageCache,*"),
                null)) {
            // Derby names the bean after the database's canonical path
            if (Path.of(ObjectName.unquote(name.getKeyProperty("db"))).equals(folder.toRealPath())) {
                return ((Number) server.getAttribute(name, "MaxEntries")).longValue();
            }
        }
        throw new AssertionError("Derby has no page cache for " + folder);
    }
}
