package org.steward.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Steward SMTP transport", description = "Delivers outbound mail to an SMTP relay "
        + "(select it with transport=smtp in org.steward.mail).")
public @interface SmtpConfiguration {

    String PID = "org.steward.mail.smtp";

    /** How the connection is protected. */
    enum Security {
        /** STARTTLS is required: a server that does not offer it is not used. */
        STARTTLS_REQUIRED,
        /** STARTTLS when the server offers it, plain text otherwise. */
        STARTTLS_OPTIONAL,
        /** TLS from the first byte (SMTPS, usually port 465). */
        SSL,
        /** Plain text: only for a relay on the same machine or in tests. */
        NONE
    }

    @AttributeDefinition(name = "Host", description = "The SMTP server (relay) host name or address.")
    String host() default "localhost";

    @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "587 for submission with STARTTLS, "
            + "465 for SSL, 25 for a local relay.")
    int port() default 587;

    @AttributeDefinition(name = "Security", description = "How the connection is protected.", options = {
            @Option(label = "STARTTLS required", value = "STARTTLS_REQUIRED"),
            @Option(label = "STARTTLS when offered", value = "STARTTLS_OPTIONAL"),
            @Option(label = "SSL/TLS (SMTPS)", value = "SSL"),
            @Option(label = "None (plain text)", value = "NONE") })
    Security security() default Security.STARTTLS_REQUIRED;

    @AttributeDefinition(name = "Check server identity", description = "Whether the server's certificate must "
            + "name the host (RFC 2595). Turn off only for a relay with a self-signed certificate you trust otherwise.")
    boolean checkServerIdentity() default true;

    @AttributeDefinition(name = "User", description = "The login at the SMTP server; empty for no authentication.")
    String user() default "";

    @AttributeDefinition(name = "Password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "The password of the login (a private property, never shown or registered).")
    String _password() default "";

    @AttributeDefinition(name = "From address", description = "The envelope sender and From header when the "
            + "outbox did not set one; empty uses the outbox's from address.")
    String from() default "";

    @AttributeDefinition(name = "Connect timeout (seconds)", min = "1", description = "How long to wait for the "
            + "connection.")
    int connectTimeoutSeconds() default 20;

    @AttributeDefinition(name = "Read timeout (seconds)", min = "1", description = "How long to wait for each "
            + "answer of the server.")
    int timeoutSeconds() default 60;
}
