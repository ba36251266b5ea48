package org.steward.mail.internal;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

/**
 * The module's persistence unit, shared by the outbox, the file transport and the personal-data provider of this
 * bundle (an internal service: its package is not exported).
 */
@Component(service = MailStore.class)
public final class MailStore {

    static final String UNIT = "steward.mail";
    static final int SCHEMA_VERSION = 1;

    private final EntityManagerFactory factory;
    private final String database;

    @Activate
    public MailStore(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, BundleContext context) {
        try {
            this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
            this.database = persistence.info().url();
        } catch (RuntimeException e) {
            logger.error("The mail outbox cannot open its tables: {}", e.toString(), e);
            throw e;
        }
    }

    @Deactivate
    void close() {
        factory.close();
    }

    String database() {
        return database;
    }

    /** Runs work in one transaction, rolled back when it throws. */
    <T> T write(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    void writeAll(Consumer<EntityManager> work) {
        write(em -> {
            work.accept(em);
            return null;
        });
    }

    <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000L);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
