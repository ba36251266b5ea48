package org.steward.mail.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.persistence.DatabaseErrors;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.RestrictionLocks;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManagerFactory;

/**
 * The module's persistence unit, its restriction locks and its clock, shared by the outbox, the file transport and
 * the personal-data provider of this bundle (an internal service: its package is not exported).
 */
@Component(service = MailStore.class)
public final class MailStore {

    static final String UNIT = "steward.mail";
    /** 2: the restriction locks in the shared shape ({@link MailSchema}). */
    static final int SCHEMA_VERSION = 2;
    static final RestrictionLocks LOCKS = RestrictionLocks.of("MAIL");

    private final EntityManagerFactory factory;
    private final Transactions tx;
    private final String database;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public MailStore(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, BundleContext context) {
        try {
            this.factory = persistence.open(context.getBundle(),
                    new PersistenceUnit(UNIT, SCHEMA_VERSION, MailSchema::migrate));
            this.database = persistence.info().url();
            try (Connection c = persistence.dataSource().getConnection()) {
                LOCKS.createIfMissing(c);
            }
        } catch (SQLException e) {
            RuntimeException failure = DatabaseErrors.translate(e, "the mail database");
            logger.error("The mail outbox cannot open its tables: {}", failure.getMessage());
            throw failure;
        } catch (RuntimeException e) {
            logger.error("The mail outbox cannot open its tables: {}", e.toString(), e);
            throw e;
        }
        this.tx = Transactions.of(factory, "the mail database");
    }

    @Deactivate
    void close() {
        factory.close();
    }

    String database() {
        return database;
    }

    Transactions tx() {
        return tx;
    }

    Instant now() {
        return clock.instant();
    }

    static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000L);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
