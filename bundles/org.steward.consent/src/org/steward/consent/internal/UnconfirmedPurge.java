package org.steward.consent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.steward.consent.ConsentState;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Deletes double opt-in submissions that were not confirmed within the configured days, with the contact a
 * submission created when nobody has worked on it since. See docs/CONSENT.md.
 */
final class UnconfirmedPurge {

    private final ConsentStore store;
    private final ConsentConfiguration config;
    private final Supplier<People> people;

    UnconfirmedPurge(ConsentStore store, ConsentConfiguration config, Supplier<People> people) {
        this.store = store;
        this.config = config;
        this.people = people;
    }

    void scheduled() {
        try {
            int purged = purge();
            if (purged > 0) {
                store.logger().info("Purged {} unconfirmed consent submissions", purged);
            }
        } catch (RuntimeException e) {
            store.logger().warn("The purge of unconfirmed consent submissions failed: {}", e.getMessage());
        }
    }

    int purge() {
        Instant cutoff = store.now().minus(Duration.ofDays(config.unconfirmedDays()));
        List<TokenRecord> due = store.db().read(em -> em.createQuery("SELECT t FROM TokenRecord t WHERE t.kind = :k "
                + "AND t.usedAt IS NULL AND t.createdAt < :cutoff", TokenRecord.class)
                .setParameter("k", TokenRecord.CONFIRM).setParameter("cutoff", cutoff).getResultList());
        int purged = 0;
        int waiting = 0;
        for (TokenRecord t : due) {
            PersonId person = PersonId.parse(t.personId);
            boolean deletesContact = t.contactCreated && t.contactId != null && onlyThisSubmission(t);
            People directory = people.get();
            if (deletesContact && directory == null) {
                // the token names the contact to delete: keep it until the contacts module is back
                waiting++;
                continue;
            }
            // the contact first: after a crash in between, the next run finds it gone and completes the rest
            boolean contactDeleted = deletesContact
                    && directory.deleteIfUntouched(t.contactId, TokenRedemption.WEB_FORM);
            String recordId = store.db().write(em -> {
                TokenRecord token = em.find(TokenRecord.class, t.tokenHash);
                if (token == null) {
                    return null;
                }
                em.remove(token);
                ConsentEventRecord pending = token.recordId == null ? null
                        : em.find(ConsentEventRecord.class, token.recordId);
                if (pending != null && ConsentState.PENDING.name().equals(pending.state)) {
                    em.remove(pending);
                    return pending.id;
                }
                return "";
            });
            if (recordId != null) {
                purged++;
                store.audit(Actor.system(), "consent.purge-unconfirmed", ConsentStore.RECORD_TYPE, recordId, person,
                        "unconfirmed for " + config.unconfirmedDays() + " days"
                                + (contactDeleted ? "; the contact it created was deleted" : ""));
            }
        }
        if (waiting > 0) {
            store.logger().info("{} unconfirmed consent submissions wait for the contacts module to delete the "
                    + "contacts they created", waiting);
        }
        return purged;
    }

    /** Whether the person has nothing in this module but this one unconfirmed submission. */
    private boolean onlyThisSubmission(TokenRecord t) {
        return store.db().read(em -> {
            long records = em.createQuery("SELECT COUNT(r) FROM ConsentEventRecord r WHERE r.personId = :p AND "
                    + "(r.id <> :id)", Long.class).setParameter("p", t.personId)
                    .setParameter("id", t.recordId == null ? "" : t.recordId).getSingleResult();
            long tokens = em.createQuery("SELECT COUNT(t) FROM TokenRecord t WHERE t.personId = :p AND "
                    + "t.tokenHash <> :h", Long.class).setParameter("p", t.personId).setParameter("h", t.tokenHash)
                    .getSingleResult();
            long others = em.createQuery("SELECT COUNT(s) FROM SubscriptionRecord s WHERE s.personId = :p",
                    Long.class).setParameter("p", t.personId).getSingleResult()
                    + em.createQuery("SELECT COUNT(c) FROM CookieRecord c WHERE c.personId = :p", Long.class)
                            .setParameter("p", t.personId).getSingleResult();
            return records + tokens + others == 0;
        });
    }
}
