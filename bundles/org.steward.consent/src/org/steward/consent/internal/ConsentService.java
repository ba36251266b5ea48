package org.steward.consent.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentPurpose;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.consent.ConsentText;
import org.steward.consent.Consents;
import org.steward.consent.ContactDecision;
import org.steward.consent.ContactPermission;
import org.steward.consent.Purposes;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.permissions.Operation;

import jakarta.persistence.EntityManager;

/**
 * Consent records, the contact decision and the purposes. Records are only ever added: the newest record of a person
 * and purpose is the current state, the older ones are the history.
 */
@Component(service = { Consents.class, ContactPermission.class, Purposes.class })
public final class ConsentService implements Consents, ContactPermission, Purposes {

    private final ConsentStore store;

    @Activate
    public ConsentService(@Reference ConsentStore store) {
        this.store = store;
    }

    // --------------------------------------------------------------------------------------------- Consents

    @Override
    public ConsentRecord grant(PersonId person, String purpose, ConsentProof proof, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        requireProof(proof);
        ConsentRecord granted = store.db().write(em -> {
            PurposeRecord p = ConsentStore.requirePurpose(em, purpose);
            if (!p.needsConsent) {
                throw new ValidationException("purpose", "rests on the contract and needs no consent");
            }
            requireTextVersion(p, proof.textVersion());
            store.refuseIfRestricted(em, person, actor, "consent.grant");
            ConsentEventRecord r = store.addEvent(em, person, p.name, ConsentState.GRANTED, proof, null, actor);
            return store.toRecord(r);
        });
        store.audit(actor, "consent.grant", ConsentStore.RECORD_TYPE, granted.id(), person,
                "purpose " + granted.purpose() + ", text version " + proof.textVersion() + ", channel "
                        + proof.channel(),
                "state", "proof");
        return granted;
    }

    @Override
    public ConsentRecord withdraw(PersonId person, String purpose, ConsentProof proof, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        requireProof(proof);
        // A withdrawal is never refused for a restricted person: it only reduces processing (Art. 7(3)).
        ConsentRecord withdrawn = store.db().write(em -> store.withdrawIn(em, person, ConsentStore.requirePurpose(em, purpose).name,
                proof, actor));
        store.audit(actor, "consent.withdraw", ConsentStore.RECORD_TYPE, withdrawn.id(), person,
                "purpose " + withdrawn.purpose() + ", channel " + proof.channel(), "state", "proof");
        return withdrawn;
    }

    @Override
    public Optional<ConsentRecord> current(PersonId person, String purpose, Actor actor) {
        store.requireAccess(actor, Operation.READ, person);
        Optional<ConsentRecord> found = store.db().read(em -> ConsentStore.current(em, person,
                ConsentStore.requirePurpose(em, purpose).name).map(store::toRecord));
        store.audit(actor, "consent.read", ConsentStore.RECORD_TYPE, found.map(ConsentRecord::id).orElse(""), person,
                "current consent to one purpose", "state", "proof");
        return found;
    }

    @Override
    public List<ConsentRecord> history(PersonId person, Actor actor) {
        store.requireAccess(actor, Operation.READ, person);
        List<ConsentRecord> records = store.db().read(em -> em.createQuery("SELECT r FROM ConsentEventRecord r WHERE "
                + "r.personId = :p ORDER BY r.seq", ConsentEventRecord.class).setParameter("p", person.toString())
                .getResultList().stream().map(store::toRecord).toList());
        store.audit(actor, "consent.history", ConsentStore.RECORD_TYPE, "", person, records.size() + " records",
                "state", "proof");
        return records;
    }

    private static void requireProof(ConsentProof proof) {
        if (proof == null) {
            throw new ValidationException("proof", "is required");
        }
    }

    private static void requireTextVersion(PurposeRecord p, int version) {
        if (version < 1 || version > p.currentVersion) {
            throw new ValidationException("textVersion", p.currentVersion == 0
                    ? "cannot be given: no consent text was published for the purpose"
                    : "must be a published version of the consent text (1 to " + p.currentVersion + ")");
        }
    }

    // ------------------------------------------------------------------------------------ ContactPermission

    @Override
    public ContactDecision mayContact(PersonId person, String purpose) {
        if (person == null) {
            return ContactDecision.refuse("no person");
        }
        if (purpose == null || purpose.isBlank()) {
            return ContactDecision.refuse("no purpose");
        }
        return store.db().read(em -> decide(em, person, purpose.strip()));
    }

    private ContactDecision decide(EntityManager em, PersonId person, String purpose) {
        if (ConsentStore.isRestricted(em, person)) {
            return ContactDecision.refuse("processing of the person is restricted (Art. 18)");
        }
        if (purpose.startsWith("list:")) {
            return decideList(em, person, purpose.substring("list:".length()));
        }
        PurposeRecord p;
        try {
            p = em.find(PurposeRecord.class, ConsentStore.purposeName(purpose));
        } catch (ValidationException malformed) {
            p = null;
        }
        if (p == null) {
            return ContactDecision.refuse("purpose '" + ConsentStore.limit(purpose, 64) + "' is not known");
        }
        if (!p.needsConsent) {
            return ContactDecision.allow("purpose " + p.name + " rests on the contract; no consent needed");
        }
        Optional<ConsentEventRecord> current = ConsentStore.current(em, person, p.name);
        if (current.isEmpty()) {
            return ContactDecision.refuse("no consent to " + p.name);
        }
        ConsentEventRecord r = current.get();
        return switch (ConsentState.valueOf(r.state)) {
            case GRANTED -> ContactDecision.allow("consent to " + p.name + " given " + r.proofAt
                    + (r.confirmedAt == null ? "" : ", confirmed " + r.confirmedAt) + ", text version "
                    + r.textVersion);
            case PENDING -> ContactDecision.refuse("consent to " + p.name + " not confirmed yet (double opt-in)");
            case WITHDRAWN -> ContactDecision.refuse("consent to " + p.name + " withdrawn " + r.proofAt);
        };
    }

    private ContactDecision decideList(EntityManager em, PersonId person, String listName) {
        ListRecord list = em.find(ListRecord.class, listName);
        if (list == null) {
            return ContactDecision.refuse("mailing list '" + ConsentStore.limit(listName, 64) + "' is not known");
        }
        if (!MailingListService.subscribed(em, person, list.name)) {
            return ContactDecision.refuse("not subscribed to mailing list " + list.name);
        }
        return decide(em, person, list.purpose);
    }

    // --------------------------------------------------------------------------------------------- Purposes

    @Override
    public List<ConsentPurpose> list() {
        return store.db().read(em -> em.createQuery("SELECT p FROM PurposeRecord p ORDER BY p.name", PurposeRecord.class)
                .getResultList().stream().map(ConsentStore::toPurpose).toList());
    }

    @Override
    public Optional<ConsentPurpose> get(String name) {
        String purpose = ConsentStore.purposeName(name);
        return store.db().read(em -> Optional.ofNullable(em.find(PurposeRecord.class, purpose))
                .map(ConsentStore::toPurpose));
    }

    @Override
    public ConsentPurpose define(String name, String description, boolean needsConsent, Actor actor) {
        store.requireModule(actor, Operation.ADMINISTER);
        String purpose = ConsentStore.purposeName(name);
        if (purpose.startsWith("list")) {
            throw new ValidationException("purpose", "cannot start with 'list' (reserved for mailing lists)");
        }
        ConsentPurpose defined = store.db().write(em -> {
            if (em.find(PurposeRecord.class, purpose) != null) {
                throw new ConflictException("The purpose " + purpose + " exists already");
            }
            PurposeRecord p = new PurposeRecord();
            p.name = purpose;
            p.description = ConsentStore.limit(description, 1000);
            p.needsConsent = needsConsent;
            p.builtIn = false;
            p.currentVersion = 0;
            p.createdAt = store.now();
            em.persist(p);
            return ConsentStore.toPurpose(p);
        });
        store.audit(actor, "consent.purpose.define", "purpose", purpose, null,
                needsConsent ? "needs consent" : "needs no consent");
        return defined;
    }

    @Override
    public ConsentPurpose publishText(String purpose, Map<Locale, String> texts, Actor actor) {
        store.requireModule(actor, Operation.ADMINISTER);
        if (texts == null || texts.isEmpty()) {
            throw new ValidationException("texts", "need at least one language");
        }
        List<String> languages = new ArrayList<>();
        texts.forEach((language, text) -> {
            if (language == null || language.getLanguage().isEmpty()) {
                throw new ValidationException("texts", "every text needs a language");
            }
            if (text == null || text.isBlank()) {
                throw new ValidationException("texts[" + language.toLanguageTag() + "]", "is empty");
            }
            if (text.length() > 8000) {
                throw new ValidationException("texts[" + language.toLanguageTag() + "]",
                        "is longer than 8000 characters");
            }
            languages.add(language.toLanguageTag());
        });
        ConsentPurpose published = store.db().write(em -> {
            PurposeRecord p = ConsentStore.requirePurpose(em, purpose);
            if (!p.needsConsent) {
                throw new ValidationException("purpose", "rests on the contract and needs no consent text");
            }
            Instant now = store.now();
            p.currentVersion++;
            texts.forEach((language, text) -> {
                PurposeTextRecord t = new PurposeTextRecord();
                t.id = UUID.randomUUID().toString();
                t.purpose = p.name;
                t.version = p.currentVersion;
                t.language = language.toLanguageTag();
                t.text = text.strip();
                t.publishedAt = now;
                em.persist(t);
            });
            return ConsentStore.toPurpose(p);
        });
        store.audit(actor, "consent.purpose.text", "purpose", published.name(), null,
                "version " + published.currentVersion() + " in " + String.join(", ", languages));
        return published;
    }

    @Override
    public Optional<ConsentText> text(String purpose, int version, Locale language) {
        String name = ConsentStore.purposeName(purpose);
        return store.db().read(em -> {
            PurposeRecord p = em.find(PurposeRecord.class, name);
            if (p == null || p.currentVersion == 0) {
                return Optional.empty();
            }
            int wanted = version <= 0 ? p.currentVersion : version;
            List<PurposeTextRecord> texts = em.createQuery("SELECT t FROM PurposeTextRecord t WHERE t.purpose = :p "
                    + "AND t.version = :v", PurposeTextRecord.class).setParameter("p", name)
                    .setParameter("v", wanted).getResultList();
            String tag = language == null ? "en" : language.getLanguage();
            return texts.stream().min(Comparator.comparingInt(t -> rank(t.language, tag)))
                    .map(t -> new ConsentText(t.purpose, t.version, Locale.forLanguageTag(t.language), t.text,
                            t.publishedAt));
        });
    }

    private static int rank(String textLanguage, String wanted) {
        String lang = Locale.forLanguageTag(textLanguage).getLanguage();
        return lang.equals(wanted) ? 0 : lang.equals("en") ? 1 : 2;
    }
}
