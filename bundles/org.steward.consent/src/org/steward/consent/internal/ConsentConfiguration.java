package org.steward.consent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward consent", description = "Consent records, double opt-in, consent requests, "
        + "mailing lists and cookie preferences; see docs/CONSENT.md.")
public @interface ConsentConfiguration {

    String PID = "org.steward.consent";

    @AttributeDefinition(name = "Confirmation link", description = "The address of the page that confirms a double "
            + "opt-in; the token is appended. A path is taken below the server's public address (framework property "
            + "steward.public.url, default https://<host name>:8443); a full https:// address is used as it is. "
            + "Served by this bundle's /confirm endpoint (PID org.steward.consent.web).")
    String confirmationUrl() default "/consent/confirm?token=";

    @AttributeDefinition(name = "Confirmation validity (hours)", min = "1", max = "720", description = "How long a "
            + "double opt-in link works. After that the person must submit the form again.")
    int confirmationHours() default 48;

    @AttributeDefinition(name = "Unconfirmed submissions kept (days)", min = "1", max = "365", description = "An "
            + "unconfirmed submission (its PENDING record and token) is deleted this many days after it was made, with "
            + "the contact it created when nothing else was recorded for that contact. Kept a little longer than the "
            + "link's validity to answer a person who asks why they got the mail.")
    int unconfirmedDays() default 7;

    @AttributeDefinition(name = "Consent request link", description = "The address of the page where a contact "
            + "gives the consent asked by mail; the token is appended. A path below the public address, or a full "
            + "address.")
    String requestUrl() default "/consent/accept?token=";

    @AttributeDefinition(name = "Consent request validity (days)", min = "1", max = "365", description = "How long "
            + "the personal link of a consent request works.")
    int requestDays() default 30;

    @AttributeDefinition(name = "One-click unsubscribe link", description = "The address that receives the "
            + "RFC 8058 one-click POST (and shows an unsubscribe page on GET; it must be https: mail providers ignore "
            + "http); the token is appended. A path below the public address, or a full address. Used in the "
            + "List-Unsubscribe header and the mail's footer.")
    String unsubscribeUrl() default "/consent/unsubscribe?token=";

    @AttributeDefinition(name = "Unsubscribe mailbox", description = "An address for the mailto: form of "
            + "List-Unsubscribe (the token goes in the subject); empty for the https form only.")
    String unsubscribeMailbox() default "";

    @AttributeDefinition(name = "Unsubscribe link validity (days)", min = "30", max = "3650", description = "How "
            + "long the unsubscribe link of a list mail works (at least 30 days).")
    int unsubscribeDays() default 365;

    @AttributeDefinition(name = "Confirm an unsubscription by mail", description = "Whether a person who left a list "
            + "gets the 'unsubscribed' mail (service mail).")
    boolean confirmUnsubscribe() default false;

    @AttributeDefinition(name = "Purge interval (minutes)", min = "0", max = "10080", description = "How often "
            + "unconfirmed submissions are purged; 0 only on demand (consent:purge).")
    int purgeIntervalMinutes() default 60;
}
