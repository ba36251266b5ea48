package org.steward.consent.internal;

import java.time.Instant;
import java.util.Optional;

import org.steward.consent.TokenRejectedException;
import org.steward.consent.TokenRejectedException.Reason;
import org.steward.core.PersonId;

import jakarta.persistence.EntityManager;

/** Issuing and redeeming link tokens. Only SHA-256 hashes are stored. */
final class Tokens {

    private Tokens() {
    }

    /** A new token; the returned text is the only copy of the token and goes into the mail. */
    static String issue(ConsentStore store, EntityManager em, String kind, PersonId person, String subject,
            String recordId, Instant expiresAt, boolean contactCreated, String contactId) {
        String token = store.newToken();
        TokenRecord t = new TokenRecord();
        t.tokenHash = ConsentStore.sha256(token);
        t.kind = kind;
        t.personId = person.toString();
        t.subject = subject;
        t.recordId = recordId;
        t.createdAt = store.now();
        t.expiresAt = expiresAt;
        t.contactCreated = contactCreated;
        t.contactId = contactId;
        em.persist(t);
        return token;
    }

    /** Voids the open single-use tokens of a kind for a person and subject (a newer link was sent). */
    static void supersede(EntityManager em, Instant now, String kind, PersonId person, String subject) {
        em.createQuery("UPDATE TokenRecord t SET t.supersededAt = :now WHERE t.personId = :p AND t.subject = :s "
                + "AND t.kind = :k AND t.usedAt IS NULL AND t.supersededAt IS NULL").setParameter("now", now)
                .setParameter("p", person.toString()).setParameter("s", subject).setParameter("k", kind)
                .executeUpdate();
    }

    /** The token record of a link, checked for kind and expiry but not marked used. */
    static TokenRecord find(EntityManager em, String token, String kind, Instant now, String what) {
        Optional<String> hash = ConsentStore.tokenHash(token);
        TokenRecord t = hash.map(h -> em.find(TokenRecord.class, h)).orElse(null);
        if (t == null || !kind.equals(t.kind)) {
            throw new TokenRejectedException(Reason.UNKNOWN, "This " + what + " link is not valid.");
        }
        if (!now.isBefore(t.expiresAt)) {
            throw new TokenRejectedException(Reason.EXPIRED, "This " + what + " link has expired.");
        }
        return t;
    }

    /**
     * Marks a single-use token used, atomically: of two concurrent uses only one wins, the other is told the link was
     * used.
     */
    static TokenRecord redeem(EntityManager em, String token, String kind, Instant now, String what) {
        Optional<String> hash = ConsentStore.tokenHash(token);
        TokenRecord t = hash.map(h -> em.find(TokenRecord.class, h)).orElse(null);
        if (t == null || !kind.equals(t.kind)) {
            throw new TokenRejectedException(Reason.UNKNOWN, "This " + what + " link is not valid.");
        }
        if (t.usedAt != null) {
            throw new TokenRejectedException(Reason.USED, "This " + what + " link was already used.");
        }
        if (t.supersededAt != null) {
            throw new TokenRejectedException(Reason.SUPERSEDED,
                    "This " + what + " link was replaced by a newer one or the consent was withdrawn since.");
        }
        if (!now.isBefore(t.expiresAt)) {
            throw new TokenRejectedException(Reason.EXPIRED, "This " + what + " link has expired.");
        }
        int won = em.createQuery("UPDATE TokenRecord t SET t.usedAt = :now WHERE t.tokenHash = :h AND t.usedAt IS NULL")
                .setParameter("now", now).setParameter("h", t.tokenHash).executeUpdate();
        if (won != 1) {
            throw new TokenRejectedException(Reason.USED, "This " + what + " link was already used.");
        }
        return t;
    }
}
