package org.steward.persistence.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.core.DataDirectory;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.persistence.BackupRecord;
import org.steward.persistence.DatabaseInfo;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManagerFactory;

@Component(service = StewardPersistence.class, immediate = true, configurationPid = PersistenceConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PersistenceConfiguration.class)
public final class PersistenceService implements StewardPersistence {

    private static final DateTimeFormatter BACKUP_NAME = DateTimeFormatter.ofPattern("'backup-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Logger logger;
    private final Database database;
    private final SchemaVersions schemas;
    private final BackupHistory backups;
    private final Set<EntityManagerFactory> opened = ConcurrentHashMap.newKeySet();
    /**
     * The system clock, not core's Clock service: the times here stamp physical events of the database files (a
     * backup folder's name, how long the copy took, when a schema step ran), which must match the file times an
     * administrator sees, also while a test runs a simulated clock; and the persistence service must start before
     * and without any module that might register a clock.
     */
    private final Clock clock = Clock.systemUTC();

    @Activate
    public PersistenceService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference DataDirectory dataDirectory, PersistenceConfiguration config,
            @Reference(service = DataSourceFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policy = ReferencePolicy.STATIC, policyOption = ReferencePolicyOption.GREEDY) List<DataSourceFactory> drivers) {
        this.logger = logger;
        Database opening = null;
        try {
            opening = openDatabase(dataDirectory, config, drivers);
            this.schemas = new SchemaVersions(opening.dataSource(), clock);
            this.backups = new BackupHistory(opening.dataSource());
            this.database = opening;
        } catch (StewardException | SQLException e) {
            if (opening != null) {
                opening.close();
            }
            String message = e instanceof SQLException ? "Cannot prepare the database: " + e.getMessage()
                    : e.getMessage();
            // the administrator reads the console and the log; both get the one clear sentence
            logger.error(message);
            System.err.println("Steward: " + message);
            throw e instanceof UnavailableException u ? u : new UnavailableException(message);
        }
        logger.info("Database ready: {} ({})", database.info().product(), database.info().url());
    }

    private static Database openDatabase(DataDirectory dataDirectory, PersistenceConfiguration config,
            List<DataSourceFactory> drivers) {
        String url = config.jdbcUrl() == null ? "" : config.jdbcUrl().trim();
        int timeout = Math.max(1, config.loginTimeoutSeconds());
        if (url.isEmpty()) {
            return new EmbeddedDerby(dataDirectory.root().resolve("db"), config.embeddedPageCachePages());
        }
        if (url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://")) {
            String path = url.substring("jdbc:derby:".length()).split(";", 2)[0];
            return new EmbeddedDerby(Path.of(path).toAbsolutePath().normalize(), config.embeddedPageCachePages());
        }
        return new ExternalDatabase(url, nullToEmpty(config.user()), nullToEmpty(config._password()), timeout,
                new CopyOnWriteArrayList<>(drivers));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Deactivate
    void deactivate() {
        for (EntityManagerFactory factory : opened) {
            if (factory.isOpen()) {
                factory.close();
            }
        }
        opened.clear();
        database.close();
    }

    @Override
    public EntityManagerFactory open(Bundle owner, PersistenceUnit unit) {
        schemas.upgrade(unit);
        EntityManagerFactory factory = UnitFactory.create(owner, unit.name(), database.dataSource());
        opened.removeIf(f -> !f.isOpen());
        opened.add(factory);
        logger.info("Opened persistence unit {} of {} at schema version {}", unit.name(), owner.getSymbolicName(),
                unit.schemaVersion());
        return factory;
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public Optional<Integer> schemaVersion(String unitName) {
        return schemas.version(unitName);
    }

    @Override
    public DatabaseInfo info() {
        return database.info();
    }

    @Override
    public BackupRecord backup(Path targetFolder) {
        if (targetFolder == null || targetFolder.toString().isBlank()) {
            throw new ValidationException("folder", "is required");
        }
        Path parent = targetFolder.toAbsolutePath().normalize();
        if (database.info().embedded() && parent.startsWith(Path.of(database.info().url().substring(11)))) {
            throw new ValidationException("folder", "must be outside the database folder");
        }
        Instant start = clock.instant();
        Path target = parent.resolve(BACKUP_NAME.format(start));
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new ValidationException("folder", "cannot be created or written: " + parent);
        }
        Path copy = database.backup(target);
        BackupRecord record = new BackupRecord(start, copy, sizeOf(copy), Duration.between(start, clock.instant()));
        backups.record(record);
        logger.info("Backup of the database written to {} ({} bytes)", copy, record.bytes());
        return record;
    }

    private static long sizeOf(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "StewardPersistence[" + database.info().url() + "]";
    }

    @Override
    public List<BackupRecord> backups() {
        return backups.list();
    }
}
