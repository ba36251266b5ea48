package org.steward.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward mail outbox", description = "The durable outbox: which transport delivers, "
        + "the sender address, and how failed deliveries are retried.")
public @interface MailConfiguration {

    String PID = "org.steward.mail";

    @AttributeDefinition(name = "Transport", description = "The name of the transport that delivers mail: 'file' "
            + "(writes .eml files into <steward.data.dir>/mail/drop, the default so that a fresh install works without "
            + "a mail server) or 'smtp' (configure PID org.steward.mail.smtp). Mail waits, and is retried, while the "
            + "named transport is not available.")
    String transport() default "file";

    @AttributeDefinition(name = "From address", description = "The sender address of every mail (From header) "
            + "unless a mail sets its own. Its domain also names the Message-ID.")
    String from() default "steward@localhost";

    @AttributeDefinition(name = "Retry base (seconds)", min = "1", description = "The delay before the first retry "
            + "after a failed delivery; it doubles with every further failure (with random jitter of up to half), "
            + "up to the largest delay.")
    int retryBaseSeconds() default 30;

    @AttributeDefinition(name = "Largest retry delay (minutes)", min = "1", description = "The delay between "
            + "retries never grows beyond this.")
    int maxRetryDelayMinutes() default 360;

    @AttributeDefinition(name = "Delivery attempts", min = "1", max = "100", description = "After this many failed "
            + "attempts a mail is marked FAILED and no longer retried (mail:retry queues it again).")
    int maxAttempts() default 8;

    @AttributeDefinition(name = "Poll interval (seconds)", min = "1", description = "How often the background "
            + "sender looks for mail that is due.")
    int pollSeconds() default 10;

    @AttributeDefinition(name = "Keep content of failed mail (days)", min = "0", description = "The content of a "
            + "FAILED mail is kept this long so that mail:retry can queue it again, then dropped like the content "
            + "of sent mail. 0 drops it at once.")
    int keepFailedDays() default 7;

    @AttributeDefinition(name = "Delivery lease (seconds)", min = "10", description = "While a server delivers a "
            + "mail, others sharing the database leave it alone for this long; a server that crashed mid-delivery "
            + "has it retried after the lease.")
    int leaseSeconds() default 300;
}
