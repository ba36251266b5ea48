package org.steward.consent.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.consent.DataSubjects;
import org.steward.consent.DoubleOptIn;
import org.steward.consent.PendingConsent;
import org.steward.consent.TokenRejectedException;
import org.steward.consent.WebFormSubmission;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.PublicAddress;
import org.steward.core.Scheduler;
import org.steward.core.ValidationException;
import org.steward.encryption.BlindIndex;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;

/**
 * Double opt-in for web forms: a submission mails a personal link whose token is stored only as its SHA-256; using
 * the link records the consent. Submissions need the contacts module (the submitter becomes a contact); without it
 * they are refused with a clear message, and confirming links already mailed still works. See docs/CONSENT.md for
 * what happens to unconfirmed submissions.
 */
@Component(service = DoubleOptIn.class, configurationPid = ConsentConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ConsentConfiguration.class)
public final class DoubleOptInService implements DoubleOptIn {

    static final String CONFIRMATION_TEMPLATE = "consent-confirmation";
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConsentStore store;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final BlindIndex blindIndex;
    private final ConsentConfiguration config;
    private final ConsentLinks links;
    private final TokenRedemption redemption;
    private final UnconfirmedPurge purge;
    private final Scheduler.Task purgeTask;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile People people;

    @Activate
    public DoubleOptInService(@Reference ConsentStore store, @Reference MailOutbox outbox,
            @Reference MailTemplates templates, @Reference BlindIndex blindIndex, @Reference Scheduler scheduler,
            @Reference PublicAddress publicAddress, ConsentConfiguration config) {
        this.store = store;
        this.outbox = outbox;
        this.templates = templates;
        this.blindIndex = blindIndex;
        this.config = config;
        this.links = new ConsentLinks(config, publicAddress);
        this.redemption = new TokenRedemption(store);
        this.purge = new UnconfirmedPurge(store, config, () -> people);
        Duration interval = Duration.ofMinutes(config.purgeIntervalMinutes());
        this.purgeTask = config.purgeIntervalMinutes() > 0
                ? scheduler.every("purge of unconfirmed consent submissions", interval, interval, purge::scheduled)
                : null;
    }

    @Deactivate
    void deactivate() {
        if (purgeTask != null) {
            purgeTask.cancel();
        }
    }

    @Override
    public PendingConsent submit(WebFormSubmission submission) {
        if (submission == null) {
            throw new ValidationException("submission", "is required");
        }
        String email = blindIndex.normaliseEmail(submission.email());
        PurposeRecord purpose = store.db().read(em -> ConsentStore.requirePurpose(em, submission.purpose()));
        if (!purpose.needsConsent) {
            throw new ValidationException("purpose", "rests on the contract and needs no consent");
        }
        int version = submission.textVersion() == 0 ? purpose.currentVersion : submission.textVersion();
        if (version < 1 || version > purpose.currentVersion) {
            throw new ValidationException("textVersion", "must be a published version of the consent text (1 to "
                    + purpose.currentVersion + ")");
        }
        People.Found found = People.required(people, "a web form submission")
                .findOrCreate(submission, email, TokenRedemption.WEB_FORM);
        boolean created = found.created();
        PersonId person = found.person().person();
        Actor self = DataSubjects.actor(person);
        if (found.person().restricted()) {
            throw store.refuseRestricted(person, self, "consent.submit");
        }
        ConsentProof proof = new ConsentProof(submission.at(), Channel.PORTAL, submission.formName(), version,
                submission.ipAddress(), submission.userAgent());
        Instant expires = store.now().plus(Duration.ofHours(config.confirmationHours()));
        String contactId = found.person().contactId();
        Object[] issued = store.db().write(em -> {
            store.refuseIfRestricted(em, person, self, "consent.submit");
            Optional<ConsentEventRecord> current = ConsentStore.current(em, person, purpose.name);
            if (current.isPresent() && ConsentState.GRANTED.name().equals(current.get().state)) {
                return new Object[] { store.toRecord(current.get()), null };
            }
            Tokens.supersede(em, store.now(), TokenRecord.CONFIRM, person, purpose.name);
            ConsentEventRecord pending = store.addEvent(em, person, purpose.name, ConsentState.PENDING, proof, null,
                    self);
            String token = Tokens.issue(store, em, TokenRecord.CONFIRM, person, purpose.name, pending.id, expires,
                    created, contactId);
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
                    Map.of("purpose", purpose.name, "link", links.confirmation(token),
                            "expires", EXPIRES.format(expires)));
            mail = outbox.enqueue(OutgoingMail.to(email, person, OutgoingMail.SERVICE, content), self);
        } catch (RuntimeException e) {
            // nothing half-written: without its mail the pending record and its token are useless
            redemption.withdrawIssued(token);
            store.db().run(em -> {
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
        redemption.mailed(token, mail.value());
        store.audit(self, "consent.submit", ConsentStore.RECORD_TYPE, record.id(), person, "purpose "
                + purpose.name + ", form " + ConsentStore.limit(submission.formName(), 100) + ", text version "
                + version + (created ? ", contact created" : "") + "; confirmation mail " + mail.value(),
                "state", "proof");
        return new PendingConsent(record, person, Optional.of(expires), Optional.of(mail.value()), created);
    }

    @Override
    public ConsentRecord confirm(String token, Optional<String> ipAddress, Optional<String> userAgent) {
        return redemption.redeem(token, TokenRecord.CONFIRM, "confirmation", "consent.confirm", (em, t, now) -> {
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

    @Override
    public int purgeUnconfirmed() {
        return purge.purge();
    }
}
