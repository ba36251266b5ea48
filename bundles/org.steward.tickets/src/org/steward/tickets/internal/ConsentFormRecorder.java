package org.steward.tickets.internal;

import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.consent.ConsentProof;
import org.steward.consent.Consents;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.tickets.FormConsent;
import org.steward.tickets.TicketForm;

/** The consents of ticket forms, through the consent module; active only while that module runs. */
@Component(service = FormConsents.class)
public final class ConsentFormRecorder implements FormConsents {

    private final Consents consents;

    @Activate
    public ConsentFormRecorder(@Reference Consents consents) {
        this.consents = consents;
    }

    @Override
    public void record(PersonId person, TicketForm form, Instant at, Actor subject) {
        for (FormConsent consent : form.consents()) {
            consents.grant(person, consent.purpose(), ConsentProof.webForm(at, form.formName(), consent.textVersion(),
                    form.ipAddress().orElse(null), form.userAgent().orElse(null)), subject);
        }
    }
}
