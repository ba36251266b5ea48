package org.steward.rights.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.PersonId;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;

/**
 * Notices through the mail outbox, to the person's address from the {@link PersonDirectory}. The mail package is
 * imported optionally: without the mail module (or without a directory, i.e. without contacts) this component stays
 * unsatisfied and the register falls back to notices given by hand.
 */
@Component(service = Notices.class)
public final class MailNotices implements Notices {

    private final MailOutbox outbox;
    private final PersonDirectory directory;

    @Activate
    public MailNotices(@Reference MailOutbox outbox, @Reference PersonDirectory directory) {
        this.outbox = outbox;
        this.directory = directory;
    }

    @Override
    public Optional<String> send(PersonId person, String subject, String text) {
        Optional<String> address = directory.emailOf(person);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        MailId id = outbox.enqueue(OutgoingMail.to(address.get(), person, OutgoingMail.SERVICE,
                new RenderedMail("rights.extension", "en", subject, text, Optional.empty())));
        return Optional.of("mail:" + id.value());
    }
}
