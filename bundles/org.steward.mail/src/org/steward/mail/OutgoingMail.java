package org.steward.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.steward.core.PersonId;
import org.steward.core.ValidationException;

/**
 * One mail to send.
 *
 * @param to the recipient's address
 * @param person the data subject the mail is addressed to; empty for mail to staff or authorities
 * @param purpose why the mail is sent, as the consent module names purposes ({@value #SERVICE} for mail the person
 *            must get whatever they consented to: confirmations, answers to their requests, breach notices)
 * @param subject the subject line
 * @param textBody the plain-text body
 * @param htmlBody an HTML alternative, or empty
 * @param headers extra headers ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post}, ...)
 * @param template the template the mail was rendered from, for the record (no personal value)
 */
public record OutgoingMail(String to, Optional<PersonId> person, String purpose, String subject, String textBody,
        Optional<String> htmlBody, Map<String, String> headers, String template) {

    /** The purpose of mail that is part of a service the person asked for, sent on contract or legal obligation. */
    public static final String SERVICE = "service";

    public OutgoingMail {
        if (to == null || to.isBlank()) {
            throw new ValidationException("to", "is required");
        }
        if (purpose == null || purpose.isBlank()) {
            throw new ValidationException("purpose", "is required");
        }
        if (subject == null) {
            throw new ValidationException("subject", "is required");
        }
        if (textBody == null) {
            throw new ValidationException("textBody", "is required");
        }
        person = person == null ? Optional.empty() : person;
        htmlBody = htmlBody == null ? Optional.empty() : htmlBody;
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        template = template == null ? "" : template;
        Objects.requireNonNull(to);
    }

    /** A plain-text mail to a person for a purpose. */
    public static OutgoingMail to(String address, PersonId person, String purpose, RenderedMail content) {
        return new OutgoingMail(address, Optional.ofNullable(person), purpose, content.subject(), content.textBody(),
                content.htmlBody(), Map.of(), content.template());
    }

    /** The same mail with one more header. */
    public OutgoingMail withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutgoingMail(to, person, purpose, subject, textBody, htmlBody, more, template);
    }
}
