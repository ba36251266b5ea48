package org.steward.breaches.internal.mail;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.breaches.NoticeOutcome;
import org.steward.breaches.PersonNotice;
import org.steward.breaches.internal.NoticeMail;
import org.steward.breaches.internal.PersonNoticeReasons;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;

/**
 * Breach notices through the mail outbox, with the {@value #TEMPLATE} template. Alone in its package and component:
 * the mail package is an optional import, and without the mail module only this component stays unsatisfied.
 */
@Component(service = NoticeMail.class)
public final class OutboxNoticeMail implements NoticeMail {

    static final String TEMPLATE = "breach-notice";

    private final MailOutbox outbox;
    private final MailTemplates templates;

    @Activate
    public OutboxNoticeMail(@Reference MailOutbox outbox, @Reference MailTemplates templates) {
        this.outbox = outbox;
        this.templates = templates;
    }

    @Override
    public PersonNotice send(PersonId person, String email, Locale language, Map<String, String> values,
            Instant at) {
        try {
            RenderedMail content = templates.render(TEMPLATE, language, values);
            MailId queued = outbox.enqueue(OutgoingMail.to(email, person, OutgoingMail.SERVICE, content));
            return new PersonNotice(person, at, NoticeOutcome.QUEUED, Optional.of(queued.value()), "");
        } catch (MailRefusedException | ValidationException e) {
            // names the field and the reason, never the value
            return new PersonNotice(person, at, NoticeOutcome.REFUSED, Optional.empty(),
                    PersonNoticeReasons.shorten(e.getMessage()));
        }
    }
}
