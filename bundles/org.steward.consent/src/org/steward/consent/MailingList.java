package org.steward.consent;

import java.util.Objects;

/**
 * A mailing list. Subscribing needs a current consent to the list's purpose; list mail is sent with the outbox
 * purpose {@code list:<name>}, which the sending policy allows only while the person is subscribed and the consent to
 * the purpose holds.
 */
public record MailingList(String name, String purpose, String description) {

    /** The outbox purpose of mail to a list. */
    public static String mailPurpose(String listName) {
        return "list:" + listName;
    }

    public MailingList {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purpose, "purpose");
        description = description == null ? "" : description;
    }
}
