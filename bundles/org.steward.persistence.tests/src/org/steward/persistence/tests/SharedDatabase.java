package org.steward.persistence.tests;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

import jakarta.persistence.EntityManagerFactory;

/** A fresh embedded Derby database for one test class, with the test bundle's "probe" unit opened on it. */
final class SharedDatabase implements AutoCloseable {

    final StewardPersistence persistence;
    final EntityManagerFactory probe;

    private SharedDatabase(StewardPersistence persistence, EntityManagerFactory probe) {
        this.persistence = persistence;
        this.probe = probe;
    }

    static SharedDatabase fresh(BundleContext context, String name) throws Exception {
        Path folder = TempFolders.create(name).resolve("db");
        String url = "jdbc:derby:" + folder;
        Osgi.configure(context, PersistenceTest.PID, Map.of("jdbcUrl", url));
        StewardPersistence persistence = Osgi.service(context, StewardPersistence.class,
                p -> p.info().url().equals(url));
        return new SharedDatabase(persistence, persistence.open(context.getBundle(), PersistenceUnit.of("probe", 1)));
    }

    @Override
    public void close() {
        probe.close();
    }
}
