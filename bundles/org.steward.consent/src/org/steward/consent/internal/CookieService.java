package org.steward.consent.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.consent.ConsentProof;
import org.steward.consent.CookieChoices;
import org.steward.consent.CookiePreference;
import org.steward.consent.CookiePreferences;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.permissions.Operation;

import jakarta.persistence.EntityManager;

/** Cookie preferences: every choice is a new row with its proof; the newest is in force; nothing is on by default. */
@Component(service = CookiePreferences.class)
public final class CookieService implements CookiePreferences {

    private final ConsentStore store;

    @Activate
    public CookieService(@Reference ConsentStore store) {
        this.store = store;
    }

    @Override
    public CookiePreference current(PersonId person, Actor actor) {
        store.requireAccess(actor, Operation.READ, person);
        CookiePreference found = store.db().read(em -> newest(em, person).map(this::toPreference)
                .orElse(new CookiePreference(person, CookieChoices.NONE, Optional.empty(), Optional.empty())));
        store.audit(actor, "consent.cookies.read", "cookies", "", person, "", "cookies");
        return found;
    }

    @Override
    public CookiePreference record(PersonId person, CookieChoices choices, ConsentProof proof, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        if (choices == null) {
            throw new ValidationException("choices", "are required");
        }
        if (proof == null) {
            throw new ValidationException("proof", "is required");
        }
        CookiePreference recorded = store.db().write(em -> {
            // switching categories off only reduces processing, so a restricted person may still do it
            if (choices.preferences() || choices.statistics() || choices.marketing()) {
                store.refuseIfRestricted(em, person, actor, "consent.cookies");
            }
            CookieRecord r = new CookieRecord();
            r.id = UUID.randomUUID().toString();
            r.seq = ConsentStore.nextSeq(em, "CookieRecord", person);
            r.personId = person.toString();
            r.preferences = choices.preferences();
            r.statistics = choices.statistics();
            r.marketing = choices.marketing();
            r.proofAt = proof.at();
            r.channel = proof.channel().name();
            r.formName = ConsentStore.limit(proof.formName(), 200);
            r.textVersion = proof.textVersion();
            r.ipEncrypted = store.encrypt(person, r.id, ConsentStore.IP, proof.ipAddress(), ConsentStore.MAX_IP);
            r.userAgentEncrypted = store.encrypt(person, r.id, ConsentStore.USER_AGENT, proof.userAgent(),
                    ConsentStore.MAX_USER_AGENT);
            r.recordedAt = store.now();
            r.recordedBy = ConsentStore.limit(actor.userId(), 200);
            em.persist(r);
            return toPreference(r);
        });
        store.audit(actor, "consent.cookies", "cookies", "", person, "preferences " + on(choices.preferences())
                + ", statistics " + on(choices.statistics()) + ", marketing " + on(choices.marketing()), "cookies",
                "proof");
        return recorded;
    }

    @Override
    public List<CookiePreference> history(PersonId person, Actor actor) {
        store.requireAccess(actor, Operation.READ, person);
        List<CookiePreference> all = store.db().read(em -> em.createQuery("SELECT c FROM CookieRecord c WHERE "
                + "c.personId = :p ORDER BY c.seq", CookieRecord.class).setParameter("p", person.toString())
                .getResultList().stream().map(this::toPreference).toList());
        store.audit(actor, "consent.cookies.history", "cookies", "", person, all.size() + " choices", "cookies");
        return all;
    }

    private static String on(boolean value) {
        return value ? "on" : "off";
    }

    static Optional<CookieRecord> newest(EntityManager em, PersonId person) {
        return em.createQuery("SELECT c FROM CookieRecord c WHERE c.personId = :p ORDER BY c.seq DESC",
                CookieRecord.class).setParameter("p", person.toString()).setMaxResults(1).getResultList().stream()
                .findFirst();
    }

    CookiePreference toPreference(CookieRecord r) {
        PersonId person = PersonId.parse(r.personId);
        ConsentProof proof = new ConsentProof(r.proofAt, Channel.valueOf(r.channel), r.formName, r.textVersion,
                store.decrypt(person, r.id, ConsentStore.IP, r.ipEncrypted),
                store.decrypt(person, r.id, ConsentStore.USER_AGENT, r.userAgentEncrypted));
        return new CookiePreference(person, new CookieChoices(r.preferences, r.statistics, r.marketing),
                Optional.of(proof), Optional.of(r.recordedAt));
    }
}
