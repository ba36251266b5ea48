package org.steward.mail.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.steward.core.PersonId;
import org.steward.encryption.Decrypted;
import org.steward.encryption.FieldEncryption;
import org.steward.mail.OutgoingMail;

/**
 * The content of a mail about a person as it is stored: each field encrypted under the person's key with the mail id
 * and field name bound to it; mail to no person (staff, authorities) is stored as it is.
 */
final class MailSealing {

    private final FieldEncryption encryption;

    MailSealing(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    String seal(Optional<PersonId> person, String id, String field, String value) {
        return person.isPresent() ? encryption.encrypt(person.get(), id, field, value) : value;
    }

    /** Fills a new row's content columns from the mail. */
    void seal(MailRecord row, OutgoingMail mail) {
        Optional<PersonId> person = mail.person();
        row.encrypted = person.isPresent();
        row.recipient = seal(person, row.id, "to", mail.to());
        row.subject = seal(person, row.id, "subject", mail.subject());
        row.textBody = seal(person, row.id, "textBody", mail.textBody());
        row.htmlBody = mail.htmlBody().map(html -> seal(person, row.id, "htmlBody", html)).orElse(null);
        row.headers = mail.headers().isEmpty() ? null
                : seal(person, row.id, "headers", MailHeaders.encode(mail.headers()));
    }

    private Optional<String> open(MailRecord row, String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!row.encrypted) {
            return Optional.of(value);
        }
        Decrypted plain = encryption.decrypt(PersonId.parse(row.personId), row.id, field, value);
        return plain.plain();
    }

    /** The mail as it was queued, with the outbox's From; null when the person's key was shredded. */
    OutgoingMail content(MailRecord row, String from) {
        Optional<String> to = open(row, "to", row.recipient);
        Optional<String> subject = open(row, "subject", row.subject);
        Optional<String> text = open(row, "textBody", row.textBody);
        if (to.isEmpty() || subject.isEmpty() || text.isEmpty()) {
            return null;
        }
        Optional<String> html = row.htmlBody == null ? Optional.empty() : open(row, "htmlBody", row.htmlBody);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("From", from);
        if (row.headers != null) {
            Map<String, String> extra = MailHeaders.decode(open(row, "headers", row.headers).orElse(""));
            extra.forEach((name, value) -> {
                if (name.equalsIgnoreCase("from")) {
                    headers.put("From", value);
                } else {
                    headers.put(name, value);
                }
            });
        }
        return new OutgoingMail(to.get(), Optional.ofNullable(row.personId).map(PersonId::parse), row.purpose,
                subject.get(), text.get(), html, headers, row.template);
    }
}
