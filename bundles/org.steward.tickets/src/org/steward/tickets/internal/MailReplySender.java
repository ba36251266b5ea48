package org.steward.tickets.internal;

import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.PersonId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;

/** Agents' answers through the durable outbox, template {@code ticket-reply}, purpose {@code service}. */
@Component(service = ReplyMailer.class)
public final class MailReplySender implements ReplyMailer {

    static final String TEMPLATE = "ticket-reply";

    private final MailOutbox outbox;
    private final MailTemplates templates;

    @Activate
    public MailReplySender(@Reference MailOutbox outbox, @Reference MailTemplates templates) {
        this.outbox = outbox;
        this.templates = templates;
    }

    @Override
    public String send(PersonId person, String address, Locale language, String ticketId, String subject,
            String message) {
        RenderedMail mail = templates.render(TEMPLATE, language,
                Map.of("ticket", ticketId, "subject", subject, "message", message));
        return outbox.enqueue(OutgoingMail.to(address, person, OutgoingMail.SERVICE, mail)).toString();
    }
}
