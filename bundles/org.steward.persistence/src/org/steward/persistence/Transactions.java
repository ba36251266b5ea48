package org.steward.persistence;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.steward.core.StewardException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Short JPA transactions on one module's persistence unit: the helper every module uses instead of its own
 * begin/commit/rollback code. A failure is rolled back and translated once by {@link DatabaseErrors}; domain errors
 * thrown by the work roll back and pass through unchanged. {@link #writeRetrying} runs work that failed with a
 * deadlock or a serialization failure again (up to {@value #ATTEMPTS} times in all); {@link #write} does not, because
 * most work appends an audit entry or queues mail, effects outside the transaction that a second attempt would
 * repeat for an attempt that was rolled back.
 *
 * @since 1.1
 */
public final class Transactions {

    /** How many times work that failed transiently is attempted in all. */
    public static final int ATTEMPTS = 3;

    private final EntityManagerFactory factory;
    private final String subject;

    private Transactions(EntityManagerFactory factory, String subject) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    /**
     * @param subject what the unit holds, in words, for error messages ({@code "the tickets database"})
     */
    public static Transactions of(EntityManagerFactory factory, String subject) {
        return new Transactions(factory, subject);
    }

    /** Runs {@code work} in a transaction and commits it; one attempt. */
    public <T> T write(Function<EntityManager, T> work) {
        return attempt(work, 1);
    }

    /**
     * Runs {@code work} in a transaction and commits it, attempting it again after a deadlock or serialization
     * failure. Only for work whose every effect is inside the transaction (no audit entry, no mail, no call to another
     * module).
     */
    public <T> T writeRetrying(Function<EntityManager, T> work) {
        return attempt(work, ATTEMPTS);
    }

    private <T> T attempt(Function<EntityManager, T> work, int attempts) {
        for (int attempt = 1;; attempt++) {
            EntityManager em = factory.createEntityManager();
            try {
                em.getTransaction().begin();
                T result = work.apply(em);
                em.getTransaction().commit();
                return result;
            } catch (RuntimeException e) {
                rollback(em);
                if (!(e instanceof StewardException) && DatabaseErrors.isTransient(e) && attempt < attempts) {
                    pause(attempt);
                    continue;
                }
                throw DatabaseErrors.translate(e, subject);
            } finally {
                em.close();
            }
        }
    }

    /** {@link #write(Function)} for work without a result. */
    public void run(Consumer<EntityManager> work) {
        write(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Reads without a transaction of its own (the unit's default isolation, no locks held after the call). */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } catch (RuntimeException e) {
            throw DatabaseErrors.translate(e, subject);
        } finally {
            em.close();
        }
    }

    /** The factory, for work that needs it directly (bulk loads); the caller keeps to the unit's own tables. */
    public EntityManagerFactory factory() {
        return factory;
    }

    private static void rollback(EntityManager em) {
        try {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        } catch (RuntimeException ignored) {
            // the failure that caused the rollback is the one to report
        }
    }

    static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
