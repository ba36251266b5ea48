package org.steward.consent.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentRequests;
import org.steward.consent.ConsentState;
import org.steward.consent.DataSubjects;
import org.steward.consent.DoubleOptIn;
import org.steward.consent.PendingConsent;
import org.steward.consent.TokenRejectedException;
import org.steward.consent.WebFormSubmission;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.ValidationException;
import org.steward.encryption.BlindIndex;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;
import org.steward.permissions.Operation;

import jakarta.persistence.EntityManager;

/**
 * Double opt-in for web forms and consent requests by e-mail. Both mail a personal link whose token is stored only
 * as its SHA-256; using the link records the consent. See docs/CONSENT.md for what happens to unconfirmed
 * submissions.
 */
@Component(service = { DoubleOptIn.class, ConsentRequests.class }, configurationPid = ConsentConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ConsentConfiguration.class)
public final class DoubleOptInService implements DoubleOptIn, ConsentRequests {

    static final String CONFIRMATION_TEMPLATE = "consent-confirmation";
    static final String REQUEST_TEMPLATE = "consent-request";
    static final String REQUEST_FORM = "consent-request";
    /** Steward acting for a web form: finds and creates the contact of a submission. */
    static final Actor WEB_FORM = new Actor("system:consent-web-form", "consent web form", Channel.SYSTEM,
            Optional.empty(), Optional.empty());
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConsentStore store;
    private final Contacts contacts;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final BlindIndex blindIndex;
    private final ConsentConfiguration config;
    private final ScheduledExecutorService scheduler;

    @Activate
    public DoubleOptInService(@Reference ConsentStore store, @Reference Contacts contacts,
            @Reference MailOutbox outbox, @Reference MailTemplates templates, @Reference BlindIndex blindIndex,
            ConsentConfiguration config) {
        this.store = store;
        this.contacts = contacts;
        this.outbox = outbox;
        this.templates = templates;
        this.blindIndex = blindIndex;
        this.config = config;
        if (config.purgeIntervalMinutes() > 0) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "steward-consent-purge");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::scheduledPurge, config.purgeIntervalMinutes(),
                    config.purgeIntervalMinutes(), TimeUnit.MINUTES);
        } else {
            scheduler = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ submission

    @Override
    public PendingConsent submit(WebFormSubmission submission) {
        if (submission == null) {
            throw new ValidationException("submission", "is required");
        }
        String email = blindIndex.normaliseEmail(submission.email());
        PurposeRecord purpose = store.read(em -> ConsentStore.requirePurpose(em, submission.purpose()));
        if (!purpose.needsConsent) {
            throw new ValidationException("purpose", "rests on the contract and needs no consent");
        }
        int version = submission.textVersion() == 0 ? purpose.currentVersion : submission.textVersion();
        if (version < 1 || version > purpose.currentVersion) {
            throw new ValidationException("textVersion", "must be a published version of the consent text (1 to "
                    + purpose.currentVersion + ")");
        }
        Contact contact = contacts.findByEmail(email, WEB_FORM).orElse(null);
        boolean created = false;
        if (contact == null) {
            String language = submission.language().getLanguage();
            ContactDraft draft = new ContactDraft(null, null, email, null, null, null, null,
                    language.isEmpty() ? null : language, null, null, null, null, null);
            contact = contacts.create(draft, DataSource.webForm(submission.formName(),
                    submission.ipAddress().orElse(null), submission.userAgent().orElse(null), submission.at()),
                    WEB_FORM);
            created = true;
        }
        PersonId person = contact.person();
        Actor self = DataSubjects.actor(person);
        if (contact.restricted()) {
            store.audit(AuditEvent.builder(self, "consent.submit").target(ConsentStore.MODULE,
                    ConsentStore.RECORD_TYPE, person.toString()).person(person).outcome(Outcome.DENIED)
                    .details("processing restricted (Art. 18)").build());
            throw new ProcessingRestrictedException(person, "consent.submit");
        }
        ConsentProof proof = new ConsentProof(submission.at(), Channel.PORTAL, submission.formName(), version,
                submission.ipAddress(), submission.userAgent());
        Instant expires = store.now().plus(Duration.ofHours(config.confirmationHours()));
        boolean contactCreated = created;
        String contactId = contact.id().value();
        Object[] issued = store.tx(em -> {
            store.refuseIfRestricted(em, person, self, "consent.submit");
            Optional<ConsentEventRecord> current = ConsentStore.current(em, person, purpose.name);
            if (current.isPresent() && ConsentState.GRANTED.name().equals(current.get().state)) {
                return new Object[] { store.toRecord(current.get()), null };
            }
            Tokens.supersede(em, store.now(), TokenRecord.CONFIRM, person, purpose.name);
            ConsentEventRecord pending = store.addEvent(em, person, purpose.name, ConsentState.PENDING, proof, null,
                    self);
            String token = Tokens.issue(store, em, TokenRecord.CONFIRM, person, purpose.name, pending.id, expires,
                    contactCreated, contactId);
            return new Object[] { store.toRecord(pending), token };
        });
        ConsentRecord record = (ConsentRecord) issued[0];
        if (issued[1] == null) {
            store.audit(self, "consent.submit", ConsentStore.RECORD_TYPE, record.id(), person,
                    "purpose " + purpose.name + " already granted; no confirmation mail");
            return new PendingConsent(record, person, Optional.empty(), Optional.empty(), created);
        }
        String token = (String) issued[1];
        MailId mail;
        try {
            RenderedMail content = templates.render(CONFIRMATION_TEMPLATE, submission.language(),
                    Map.of("purpose", purpose.name, "link", config.confirmationUrl() + token,
                            "expires", EXPIRES.format(expires)));
            mail = outbox.enqueue(OutgoingMail.to(email, person, OutgoingMail.SERVICE, content), self);
        } catch (RuntimeException e) {
            // nothing half-written: without its mail the pending record and its token are useless
            store.txRun(em -> {
                TokenRecord t = em.find(TokenRecord.class, ConsentStore.sha256(token));
                if (t != null) {
                    em.remove(t);
                }
                ConsentEventRecord r = em.find(ConsentEventRecord.class, record.id());
                if (r != null) {
                    em.remove(r);
                }
            });
            store.audit(AuditEvent.builder(self, "consent.submit").target(ConsentStore.MODULE,
                    ConsentStore.RECORD_TYPE, record.id()).person(person).outcome(Outcome.FAILED)
                    .details("the confirmation mail could not be queued: " + e.getClass().getSimpleName()).build());
            throw e;
        }
        store.txRun(em -> em.find(TokenRecord.class, ConsentStore.sha256(token)).mailId = mail.value());
        store.audit(self, "consent.submit", ConsentStore.RECORD_TYPE, record.id(), person, "purpose "
                + purpose.name + ", form " + ConsentStore.limit(submission.formName(), 100) + ", text version "
                + version + (created ? ", contact created" : "") + "; confirmation mail " + mail.value(),
                "state", "proof");
        return new PendingConsent(record, person, Optional.of(expires), Optional.of(mail.value()), created);
    }

    @Override
    public ConsentRecord confirm(String token, Optional<String> ipAddress, Optional<String> userAgent) {
        return redeem(token, TokenRecord.CONFIRM, "confirmation", "consent.confirm", (em, t, now) -> {
            ConsentEventRecord pending = em.find(ConsentEventRecord.class, t.recordId);
            if (pending == null) {
                throw new TokenRejectedException(TokenRejectedException.Reason.UNKNOWN,
                        "This confirmation link is not valid.");
            }
            ConsentProof proof = store.toRecord(pending).proof();
            return store.addEvent(em, PersonId.parse(t.personId), t.subject, ConsentState.GRANTED, proof, now,
                    DataSubjects.actor(PersonId.parse(t.personId)));
        }, ipAddress, userAgent);
    }

    // ---------------------------------------------------------------------------------------- requests

    @Override
    public String request(PersonId person, String purpose, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        PurposeRecord p = store.read(em -> ConsentStore.requirePurpose(em, purpose));
        if (!p.needsConsent) {
            throw new ValidationException("purpose", "rests on the contract and needs no consent");
        }
        if (p.currentVersion == 0) {
            throw new ValidationException("purpose", "has no published consent text to ask with");
        }
        Contact contact = contacts.byPerson(person, actor).orElseThrow(() -> new NotFoundException("Contact of person",
                person));
        if (contact.email() == null || contact.email().isBlank()) {
            throw new ValidationException("email", "the contact has no e-mail address to ask by");
        }
        if (contact.restricted()) {
            store.audit(AuditEvent.builder(actor, "consent.request").target(ConsentStore.MODULE,
                    ConsentStore.RECORD_TYPE, person.toString()).person(person).outcome(Outcome.DENIED)
                    .details("processing restricted (Art. 18)").build());
            throw new ProcessingRestrictedException(person, "consent.request");
        }
        Instant expires = store.now().plus(Duration.ofDays(config.requestDays()));
        String token = store.tx(em -> {
            store.refuseIfRestricted(em, person, actor, "consent.request");
            Tokens.supersede(em, store.now(), TokenRecord.REQUEST, person, p.name);
            return Tokens.issue(store, em, TokenRecord.REQUEST, person, p.name, null, expires, false, null);
        });
        MailId mail;
        try {
            RenderedMail content = templates.render(REQUEST_TEMPLATE, language(contact.language()),
                    Map.of("purpose", p.name, "link", config.requestUrl() + token));
            mail = outbox.enqueue(OutgoingMail.to(contact.email(), person, OutgoingMail.SERVICE, content), actor);
        } catch (RuntimeException e) {
            store.txRun(em -> {
                TokenRecord t = em.find(TokenRecord.class, ConsentStore.sha256(token));
                if (t != null) {
                    em.remove(t);
                }
            });
            throw e;
        }
        store.txRun(em -> em.find(TokenRecord.class, ConsentStore.sha256(token)).mailId = mail.value());
        store.audit(actor, "consent.request", ConsentStore.RECORD_TYPE, person.toString(), person,
                "purpose " + p.name + ", request mail " + mail.value());
        return mail.value();
    }

    @Override
    public ConsentRecord accept(String token, Optional<String> ipAddress, Optional<String> userAgent) {
        return redeem(token, TokenRecord.REQUEST, "consent request", "consent.accept", (em, t, now) -> {
            PersonId person = PersonId.parse(t.personId);
            PurposeRecord p = ConsentStore.requirePurpose(em, t.subject);
            ConsentProof proof = new ConsentProof(now, Channel.PORTAL, REQUEST_FORM, p.currentVersion, ipAddress,
                    userAgent);
            return store.addEvent(em, person, p.name, ConsentState.GRANTED, proof, now, DataSubjects.actor(person));
        }, Optional.empty(), Optional.empty());
    }

    private interface Grant {
        ConsentEventRecord apply(EntityManager em, TokenRecord token, Instant now);
    }

    /** Redeems a single-use token and records the consent, in one transaction; every outcome is audited. */
    private ConsentRecord redeem(String token, String kind, String what, String action, Grant grant,
            Optional<String> confirmIp, Optional<String> confirmUserAgent) {
        try {
            ConsentEventRecord[] out = new ConsentEventRecord[1];
            ConsentRecord record = store.tx(em -> {
                Instant now = store.now();
                TokenRecord t = Tokens.redeem(em, token, kind, now, what);
                PersonId person = PersonId.parse(t.personId);
                store.refuseIfRestricted(em, person, DataSubjects.actor(person), action);
                ConsentEventRecord granted = grant.apply(em, t, now);
                granted.confirmIpEncrypted = store.encrypt(person, granted.id, ConsentStore.CONFIRM_IP, confirmIp,
                        ConsentStore.MAX_IP);
                granted.confirmUserAgentEncrypted = store.encrypt(person, granted.id,
                        ConsentStore.CONFIRM_USER_AGENT, confirmUserAgent, ConsentStore.MAX_USER_AGENT);
                out[0] = granted;
                return store.toRecord(granted);
            });
            store.audit(DataSubjects.actor(record.person()), action, ConsentStore.RECORD_TYPE, record.id(),
                    record.person(), "purpose " + record.purpose() + " granted through the " + what + " link",
                    "state", "proof");
            return record;
        } catch (TokenRejectedException e) {
            Optional<PersonId> person = ConsentStore.tokenHash(token).flatMap(h -> store.read(em ->
                    Optional.ofNullable(em.find(TokenRecord.class, h)).map(t -> PersonId.parse(t.personId))));
            AuditEvent.Builder event = AuditEvent.builder(person.map(DataSubjects::actor).orElse(WEB_FORM), action)
                    .target(ConsentStore.MODULE, "token").outcome(Outcome.DENIED)
                    .details("link refused: " + e.reason().name().toLowerCase(Locale.ROOT));
            person.ifPresent(event::person);
            store.audit(event.build());
            throw e;
        }
    }

    private static Locale language(String tag) {
        return tag == null || tag.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(tag);
    }

    // ---------------------------------------------------------------------------------------------- purge

    private void scheduledPurge() {
        try {
            int purged = purgeUnconfirmed();
            if (purged > 0) {
                store.logger().info("Purged {} unconfirmed consent submissions", purged);
            }
        } catch (RuntimeException e) {
            store.logger().warn("The purge of unconfirmed consent submissions failed: {}", e.getMessage());
        }
    }

    @Override
    public int purgeUnconfirmed() {
        Instant cutoff = store.now().minus(Duration.ofDays(config.unconfirmedDays()));
        List<TokenRecord> due = store.read(em -> em.createQuery("SELECT t FROM TokenRecord t WHERE t.kind = :k AND "
                + "t.usedAt IS NULL AND t.createdAt < :cutoff", TokenRecord.class)
                .setParameter("k", TokenRecord.CONFIRM).setParameter("cutoff", cutoff).getResultList());
        int purged = 0;
        for (TokenRecord t : due) {
            PersonId person = PersonId.parse(t.personId);
            // the contact first: after a crash in between, the next run finds it gone and completes the rest
            boolean contactDeleted = t.contactCreated && onlyThisSubmission(t) && deleteCreatedContact(t);
            String recordId = store.tx(em -> {
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
        return purged;
    }

    /** Whether the person has nothing in this module but this one unconfirmed submission. */
    private boolean onlyThisSubmission(TokenRecord t) {
        return store.read(em -> {
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

    /**
     * Deletes (to the contacts recycle bin) the contact a submission created, only when it is unchanged since: one
     * source, no lawful basis recorded, not updated. A contact someone worked on is kept.
     */
    private boolean deleteCreatedContact(TokenRecord t) {
        if (t.contactId == null) {
            return false;
        }
        try {
            ContactId id = new ContactId(t.contactId);
            Contact contact = contacts.get(id, WEB_FORM);
            boolean untouched = contact.sources().size() <= 1 && contact.lawfulBases().isEmpty()
                    && (contact.updatedAt() == null || !contact.updatedAt().isAfter(contact.createdAt()));
            if (!untouched) {
                return false;
            }
            contacts.delete(id, WEB_FORM);
            return true;
        } catch (NotFoundException gone) {
            return true;
        }
    }
}
