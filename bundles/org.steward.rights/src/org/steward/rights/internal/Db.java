package org.steward.rights.internal;

import java.util.function.Function;

import org.steward.core.StewardException;
import org.steward.core.UnavailableException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/** Short transactions on the rights unit; a database failure becomes one clear {@link UnavailableException}. */
final class Db {

    private final EntityManagerFactory factory;

    Db(EntityManagerFactory factory) {
        this.factory = factory;
    }

    <T> T tx(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnavailableException("The rights register could not be written ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnavailableException("The rights register could not be read (" + e.getClass().getSimpleName()
                    + ")", e);
        } finally {
            em.close();
        }
    }

    void close() {
        factory.close();
    }
}
