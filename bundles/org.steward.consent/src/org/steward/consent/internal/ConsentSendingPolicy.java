package org.steward.consent.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.consent.ContactDecision;
import org.steward.consent.ContactPermission;
import org.steward.core.PersonId;
import org.steward.mail.SendingPolicy;

/**
 * The outbox's question, answered by the contact decision: asked when a mail is queued and again before every
 * delivery, so a withdrawal, an unsubscription or a restriction stops mail already queued.
 */
@Component(service = SendingPolicy.class, property = "steward.module=consent")
public final class ConsentSendingPolicy implements SendingPolicy {

    private final ContactPermission permission;

    @Activate
    public ConsentSendingPolicy(@Reference ContactPermission permission) {
        this.permission = permission;
    }

    @Override
    public Optional<String> refusal(PersonId person, String purpose) {
        if (person == null) {
            return Optional.empty(); // mail to staff or an authority: nobody's consent is involved
        }
        ContactDecision decision = permission.mayContact(person, purpose);
        return decision.allowed() ? Optional.empty() : Optional.of("consent: " + decision.reason());
    }
}
