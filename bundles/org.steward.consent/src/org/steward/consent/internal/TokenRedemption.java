package org.steward.consent.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.consent.ConsentRecord;
import org.steward.consent.DataSubjects;
import org.steward.consent.TokenRejectedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;

import jakarta.persistence.EntityManager;

/** Redeems the single-use link of a confirmation or a consent request and records the consent it grants. */
final class TokenRedemption {

    /** Steward acting for a web form or a link: finds and creates the contact of a submission. */
    static final Actor WEB_FORM = new Actor("system:consent-web-form", "consent web form", Channel.SYSTEM,
            Optional.empty(), Optional.empty());

    /** The consent a redeemed token grants, recorded in the redeeming transaction. */
    interface Grant {
        ConsentEventRecord apply(EntityManager em, TokenRecord token, Instant now);
    }

    private final ConsentStore store;

    TokenRedemption(ConsentStore store) {
        this.store = store;
    }

    /** Redeems a single-use token and records the consent, in one transaction; every outcome is audited. */
    ConsentRecord redeem(String token, String kind, String what, String action, Grant grant,
            Optional<String> confirmIp, Optional<String> confirmUserAgent) {
        try {
            ConsentRecord record = store.db().write(em -> {
                Instant now = store.now();
                TokenRecord t = Tokens.redeem(em, token, kind, now, what);
                PersonId person = PersonId.parse(t.personId);
                store.refuseIfRestricted(em, person, DataSubjects.actor(person), action);
                ConsentEventRecord granted = grant.apply(em, t, now);
                granted.confirmIpEncrypted = store.encrypt(person, granted.id, ConsentStore.CONFIRM_IP, confirmIp,
                        ConsentStore.MAX_IP);
                granted.confirmUserAgentEncrypted = store.encrypt(person, granted.id,
                        ConsentStore.CONFIRM_USER_AGENT, confirmUserAgent, ConsentStore.MAX_USER_AGENT);
                return store.toRecord(granted);
            });
            store.audit(DataSubjects.actor(record.person()), action, ConsentStore.RECORD_TYPE, record.id(),
                    record.person(), "purpose " + record.purpose() + " granted through the " + what + " link",
                    "state", "proof");
            return record;
        } catch (TokenRejectedException e) {
            Optional<PersonId> person = ConsentStore.tokenHash(token).flatMap(h -> store.db().read(em ->
                    Optional.ofNullable(em.find(TokenRecord.class, h)).map(t -> PersonId.parse(t.personId))));
            AuditEvent.Builder event = AuditEvent.builder(person.map(DataSubjects::actor).orElse(WEB_FORM), action)
                    .target(ConsentStore.MODULE, "token").outcome(Outcome.DENIED)
                    .details("link refused: " + e.reason().name().toLowerCase(Locale.ROOT));
            person.ifPresent(event::person);
            store.audit(event.build());
            throw e;
        }
    }

    /** Removes an issued token whose mail could not be queued: without its mail the link is useless. */
    void withdrawIssued(String token) {
        store.db().run(em -> {
            TokenRecord t = em.find(TokenRecord.class, ConsentStore.sha256(token));
            if (t != null) {
                em.remove(t);
            }
        });
    }

    /** Notes the mail that carries the token. */
    void mailed(String token, String mailId) {
        store.db().run(em -> em.find(TokenRecord.class, ConsentStore.sha256(token)).mailId = mailId);
    }

    static Locale language(String tag) {
        return tag == null || tag.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(tag);
    }
}
