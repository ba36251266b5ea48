package org.steward.contacts.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.contacts.Contacts;
import org.steward.core.DataDirectory;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.FieldEncryption;
import org.steward.persistence.JdbcTransactions;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.RestrictionLocks;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManagerFactory;

/**
 * Opens the contacts tables once and makes the parts every contacts service is built from: transactions, the
 * restriction locks, sealing, the field catalogue and its validation, the erasure checks, the store of contact rows.
 * The services take the parts they need in their constructors.
 */
@Component(service = ContactsModule.class, immediate = true, configurationPid = ContactsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ContactsConfiguration.class)
public final class ContactsModule {

    static final String UNIT = "steward.contacts";
    /** 4: the restriction lock moved from a RESTRICTED column to CONTACTS_RESTRICTION. */
    static final int SCHEMA_VERSION = 4;
    static final String MODULE = Contacts.MODULE;
    static final RestrictionLocks LOCKS = RestrictionLocks.of("CONTACTS");

    private final Logger logger;
    private final EntityManagerFactory factory;
    private final JdbcTransactions db;
    private final Sealing sealing;
    private final Fields fields;
    private final FieldValidation validation;
    private final ErasureChecks erasure;
    private final ContactStore store;
    private final Path reportFolder;
    private final int importThreads;
    private final Clock clock = new ServiceClock();

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clockService;

    // The lead's ErasureBlocklist implementation may start after us (or not be installed yet): dynamic, optional.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ErasureBlocklist blocklist;

    @Activate
    public ContactsModule(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference FieldEncryption encryption,
            @Reference BlindIndex blindIndex, @Reference DataDirectory dataDirectory, BundleContext context,
            ContactsConfiguration config) {
        this.logger = logger;
        this.sealing = new Sealing(encryption, blindIndex);
        // opening the unit creates or extends the CONTACTS_ tables
        this.factory = persistence.open(context.getBundle(), new PersistenceUnit(UNIT, SCHEMA_VERSION,
                (from, connection) -> ContactsSchema.migrate(from, connection, sealing)));
        this.db = JdbcTransactions.of(persistence.dataSource(), "the contacts database");
        db.write(c -> {
            LOCKS.createIfMissing(c);
            return null;
        });
        this.fields = new Fields(db);
        this.validation = new FieldValidation(fields, sealing, clock);
        this.erasure = new ErasureChecks(logger, () -> blocklist);
        this.store = new ContactStore(sealing, fields, new ImportOrigins());
        String configured = config.reportFolder();
        this.reportFolder = configured == null || configured.isBlank()
                ? dataDirectory.area("contacts").resolve("imports") : Path.of(configured);
        this.importThreads = Math.max(1, config.importThreads());
    }

    @Deactivate
    void deactivate() {
        factory.close();
    }

    Logger logger() {
        return logger;
    }

    JdbcTransactions db() {
        return db;
    }

    Sealing sealing() {
        return sealing;
    }

    Fields fields() {
        return fields;
    }

    FieldValidation validation() {
        return validation;
    }

    ErasureChecks erasure() {
        return erasure;
    }

    ContactStore store() {
        return store;
    }

    /** The clock service as it is bound now (a test's simulated clock replaces the system one). */
    Clock clock() {
        return clock;
    }

    Path reportFolder() {
        return reportFolder;
    }

    int importThreads() {
        return importThreads;
    }

    /** Reads the clock service bound at the moment of each call. */
    private final class ServiceClock extends Clock {

        @Override
        public Instant instant() {
            return clockService.instant();
        }

        @Override
        public long millis() {
            return clockService.millis();
        }

        @Override
        public ZoneId getZone() {
            return clockService.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return clockService.withZone(zone);
        }
    }
}
