package org.steward.consent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentRequests;
import org.steward.consent.ConsentState;
import org.steward.consent.DataSubjects;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.PublicAddress;
import org.steward.core.ValidationException;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;
import org.steward.permissions.Operation;

/**
 * Consent requests by e-mail: staff ask a contact for a consent with a personal link; using the link records it.
 * Asking needs the contacts module (the contact's address and language); accepting a link already mailed does not.
 */
@Component(service = ConsentRequests.class, configurationPid = ConsentConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ConsentRequestService implements ConsentRequests {

    static final String REQUEST_TEMPLATE = "consent-request";
    static final String REQUEST_FORM = "consent-request";

    private final ConsentStore store;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final ConsentConfiguration config;
    private final ConsentLinks links;
    private final TokenRedemption redemption;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile People people;

    @Activate
    public ConsentRequestService(@Reference ConsentStore store, @Reference MailOutbox outbox,
            @Reference MailTemplates templates, @Reference PublicAddress publicAddress, ConsentConfiguration config) {
        this.store = store;
        this.outbox = outbox;
        this.templates = templates;
        this.config = config;
        this.links = new ConsentLinks(config, publicAddress);
        this.redemption = new TokenRedemption(store);
    }

    @Override
    public String request(PersonId person, String purpose, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        PurposeRecord p = store.db().read(em -> ConsentStore.requirePurpose(em, purpose));
        if (!p.needsConsent) {
            throw new ValidationException("purpose", "rests on the contract and needs no consent");
        }
        if (p.currentVersion == 0) {
            throw new ValidationException("purpose", "has no published consent text to ask with");
        }
        People.Person contact = People.required(people, "a consent request by e-mail").byPerson(person, actor)
                .orElseThrow(() -> new NotFoundException("Contact of person", person));
        if (contact.email() == null || contact.email().isBlank()) {
            throw new ValidationException("email", "the contact has no e-mail address to ask by");
        }
        if (contact.restricted()) {
            throw store.refuseRestricted(person, actor, "consent.request");
        }
        Instant expires = store.now().plus(Duration.ofDays(config.requestDays()));
        String token = store.db().write(em -> {
            store.refuseIfRestricted(em, person, actor, "consent.request");
            Tokens.supersede(em, store.now(), TokenRecord.REQUEST, person, p.name);
            return Tokens.issue(store, em, TokenRecord.REQUEST, person, p.name, null, expires, false, null);
        });
        MailId mail;
        try {
            RenderedMail content = templates.render(REQUEST_TEMPLATE, TokenRedemption.language(contact.language()),
                    Map.of("purpose", p.name, "link", links.request(token)));
            mail = outbox.enqueue(OutgoingMail.to(contact.email(), person, OutgoingMail.SERVICE, content), actor);
        } catch (RuntimeException e) {
            redemption.withdrawIssued(token);
            throw e;
        }
        redemption.mailed(token, mail.value());
        store.audit(actor, "consent.request", ConsentStore.RECORD_TYPE, person.toString(), person,
                "purpose " + p.name + ", request mail " + mail.value());
        return mail.value();
    }

    @Override
    public ConsentRecord accept(String token, Optional<String> ipAddress, Optional<String> userAgent) {
        return redemption.redeem(token, TokenRecord.REQUEST, "consent request", "consent.accept", (em, t, now) -> {
            PersonId person = PersonId.parse(t.personId);
            PurposeRecord p = ConsentStore.requirePurpose(em, t.subject);
            ConsentProof proof = new ConsentProof(now, Channel.PORTAL, REQUEST_FORM, p.currentVersion, ipAddress,
                    userAgent);
            return store.addEvent(em, person, p.name, ConsentState.GRANTED, proof, now, DataSubjects.actor(person));
        }, Optional.empty(), Optional.empty());
    }
}
