package org.steward.encryption.internal;

import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

import org.steward.core.PersonId;

/** Striped locks by person: every change of one person's key holds that person's stripe. */
final class PersonLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    PersonLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** A lock held while it is open. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held lock(PersonId person) {
        ReentrantLock lock = stripes[stripeOf(person)];
        lock.lock();
        return lock::unlock;
    }

    /**
     * Locks the stripes of every person given, in ascending stripe order: two bulk calls never wait for each other
     * crosswise; single calls hold one stripe.
     */
    Held lockAll(Collection<PersonId> people) {
        int[] wanted = people.stream().mapToInt(PersonLocks::stripeOf).distinct().sorted().toArray();
        int locked = 0;
        try {
            for (int stripe : wanted) {
                stripes[stripe].lock();
                locked++;
            }
        } catch (RuntimeException | Error e) {
            unlock(wanted, locked);
            throw e;
        }
        return () -> unlock(wanted, wanted.length);
    }

    private void unlock(int[] wanted, int locked) {
        for (int i = locked - 1; i >= 0; i--) {
            stripes[wanted[i]].unlock();
        }
    }

    private static int stripeOf(PersonId person) {
        return (person.hashCode() & 0x7fffffff) % STRIPES;
    }
}
