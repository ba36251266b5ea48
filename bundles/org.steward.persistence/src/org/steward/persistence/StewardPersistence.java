package org.steward.persistence;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

import jakarta.persistence.EntityManagerFactory;

/**
 * The database every capability shares. Each capability opens its own persistence unit (its
 * {@code META-INF/persistence.xml}, its entities, its tables) through {@link #open(Bundle, PersistenceUnit)}; the
 * service brings the unit's schema to the declared version first, so that an upgraded module keeps its data.
 */
@ProviderType
public interface StewardPersistence {

    /**
     * Opens the persistence unit of a bundle. The caller owns the factory and closes it when its component
     * deactivates; factories still open when this service goes away are closed by it.
     *
     * @throws org.steward.core.UnavailableException when the database cannot be used
     * @throws org.steward.core.ConflictException when the database holds a newer schema than the module declares
     */
    EntityManagerFactory open(Bundle owner, PersistenceUnit unit);

    /**
     * The shared data source, for schema migrations, bulk loads and benchmarks. Modules still keep to their own
     * tables.
     */
    DataSource dataSource();

    /** The schema version recorded for a unit, empty when the unit was never opened on this database. */
    Optional<Integer> schemaVersion(String unitName);

    /** What database this is, for the console and the About dialog. */
    DatabaseInfo info();

    /**
     * Copies the running database into a new folder below {@code targetFolder} without stopping it, and records the
     * backup.
     *
     * @throws org.steward.core.ValidationException when the folder is unusable (named in the message)
     * @throws org.steward.core.UnavailableException when the database does not support online backup from Steward
     */
    BackupRecord backup(Path targetFolder);

    /** The backups taken so far, newest first. */
    List<BackupRecord> backups();
}
