package org.steward.rights.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.contacts.Contact;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;

/**
 * Notices through the mail outbox, to the person's contact address. The mail package is imported optionally: without
 * the mail module this component cannot be loaded and the register falls back to notices given by hand.
 */
@Component(service = Notices.class)
public final class MailNotices implements Notices {

    private final MailOutbox outbox;
    private final Contacts contacts;

    @Activate
    public MailNotices(@Reference MailOutbox outbox, @Reference Contacts contacts) {
        this.outbox = outbox;
        this.contacts = contacts;
    }

    @Override
    public Optional<String> send(PersonId person, String subject, String text) {
        Optional<String> address = contacts.byPerson(person, Actor.system()).map(Contact::email)
                .filter(e -> e != null && !e.isBlank());
        if (address.isEmpty()) {
            return Optional.empty();
        }
        MailId id = outbox.enqueue(OutgoingMail.to(address.get(), person, OutgoingMail.SERVICE,
                new RenderedMail("rights.extension", "en", subject, text, Optional.empty())));
        return Optional.of("mail:" + id.value());
    }
}
