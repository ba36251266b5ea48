package org.steward.mail;

import java.util.Objects;

/** The id of a mail in the outbox. */
public record MailId(String value) {
    public MailId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
