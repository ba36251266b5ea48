package org.steward.persistence.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.steward.core.UnavailableException;
import org.steward.persistence.DatabaseInfo;

/**
 * The embedded Derby database in {@code <data dir>/db}. It is created only when the folder does not exist yet, so that
 * a damaged or foreign folder is reported and never overwritten.
 */
final class EmbeddedDerby implements Database {

    static final String SETTING = "steward.data.dir";
    /** Derby reads its page cache size only from this system-wide setting, when a database boots. */
    private static final String PAGE_CACHE = "derby.storage.pageCacheSize";
    private static final int PAGE_CACHE_MIN = 40;
    private static final int PAGE_CACHE_MAX = 1_000_000;

    private final Path folder;
    // in a fragment of the derby bundle since 10.15; loaded by name so that compiling needs only the host
    private static final String EMBEDDED_DRIVER = "org.apache.derby.jdbc.EmbeddedDriver";

    private final Driver driver;
    private final DataSource dataSource;
    private final DatabaseInfo info;

    EmbeddedDerby(Path folder, int pageCachePages) {
        this.folder = folder;
        this.driver = loadDriver();
        this.dataSource = new DriverDataSource(driver, "jdbc:derby:" + folder);
        // one opening at a time in this JVM: two half-finished creations of one folder would leave it unusable
        synchronized (EmbeddedDerby.class) {
            // the configuration decides for this database; whatever the JVM had is put back for any other one
            String before = System.getProperty(PAGE_CACHE);
            System.setProperty(PAGE_CACHE,
                    String.valueOf(Math.max(PAGE_CACHE_MIN, Math.min(PAGE_CACHE_MAX, pageCachePages))));
            try {
                this.info = open();
            } finally {
                if (before == null) {
                    System.clearProperty(PAGE_CACHE);
                } else {
                    System.setProperty(PAGE_CACHE, before);
                }
            }
        }
    }

    private DatabaseInfo open() {
        boolean create = !Files.exists(folder);
        if (!create && !Files.isRegularFile(folder.resolve("service.properties"))) {
            throw new UnavailableException("Cannot open the database " + folder + " (setting " + SETTING
                    + "): the folder exists but holds no Derby database (service.properties is missing). "
                    + "Move it away, or restore it from a backup.");
        }
        DataSource opening = create ? new DriverDataSource(driver, "jdbc:derby:" + folder + ";create=true") : dataSource;
        try (Connection connection = opening.getConnection()) {
            var meta = connection.getMetaData();
            return new DatabaseInfo(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                    "jdbc:derby:" + folder, true);
        } catch (SQLException e) {
            throw DatabaseFailures.explain(e, folder.toString(), SETTING);
        }
    }

    private static Driver loadDriver() {
        try {
            return (Driver) Class.forName(EMBEDDED_DRIVER, true, EmbeddedDerby.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnavailableException("The embedded Derby driver is not installed (the bundles derby, "
                    + "org.apache.derbytools and org.apache.derbyshared are needed): " + e);
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public DatabaseInfo info() {
        return info;
    }

    @Override
    public Path backup(Path target) {
        try (Connection connection = dataSource.getConnection();
                CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
            call.setString(1, target.toString());
            call.execute();
            return target.resolve(folder.getFileName());
        } catch (SQLException e) {
            throw new UnavailableException("The backup into " + target + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try (Connection ignored = new DriverDataSource(driver, "jdbc:derby:" + folder + ";shutdown=true").getConnection()) {
            // a successful shutdown is reported as an exception (08006), never as a connection
        } catch (SQLException expected) {
            // 08006: database shut down; the folder lock is released
        }
    }
}
