package org.steward.mail;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hands a mail to the world (whiteboard). The outbox uses the transport whose {@value #NAME_PROPERTY} service
 * property equals its configured transport ({@code file} by default, {@code smtp}).
 */
@ConsumerType
public interface MailTransport {

    /** Service property with the transport's name. */
    String NAME_PROPERTY = "steward.mail.transport";

    /**
     * Sends one mail.
     *
     * @param messageId the Message-ID to use, stable across retries
     * @throws IOException on a failure worth retrying (connection refused, timeout, 4xx reply)
     * @throws MailRefusedException on a permanent failure (5xx reply: bad recipient)
     */
    void send(OutgoingMail mail, String messageId) throws IOException;
}
