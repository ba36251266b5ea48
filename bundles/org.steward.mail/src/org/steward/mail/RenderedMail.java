package org.steward.mail;

import java.util.Optional;

/** A template filled in: subject, plain text and optionally HTML, in one language. */
public record RenderedMail(String template, String language, String subject, String textBody,
        Optional<String> htmlBody) {
    public RenderedMail {
        htmlBody = htmlBody == null ? Optional.empty() : htmlBody;
    }
}
