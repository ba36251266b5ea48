package org.steward.mail.internal;

import java.io.IOException;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailTransport;
import org.steward.mail.OutgoingMail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers mail to an SMTP relay with Angus Mail. The transport object is built directly (not looked up through
 * Jakarta Mail's provider registry, which does not work across OSGi class loaders). A 5xx reply is permanent
 * ({@link MailRefusedException}); anything else (no connection, timeout, 4xx, login refused) is worth a retry.
 */
@Component(service = MailTransport.class, property = MailTransport.NAME_PROPERTY + "=" + SmtpTransport.NAME,
        configurationPid = SmtpConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SmtpConfiguration.class)
public final class SmtpTransport implements MailTransport {

    static final String NAME = "smtp";

    /** The settings and the session built from them, replaced together. */
    private record Settings(SmtpConfiguration config, Session session) {
    }

    private volatile Settings settings;

    @Activate
    public SmtpTransport(SmtpConfiguration config) {
        modified(config);
    }

    /** New settings apply in place, so that the outbox keeps its transport. */
    @Modified
    void modified(SmtpConfiguration config) {
        this.settings = new Settings(config, MimeMessages.session(properties(config)));
    }

    static Properties properties(SmtpConfiguration config) {
        String prefix = config.security() == SmtpConfiguration.Security.SSL ? "mail.smtps." : "mail.smtp.";
        Properties p = new Properties();
        p.put(prefix + "host", config.host());
        p.put(prefix + "port", String.valueOf(config.port()));
        p.put(prefix + "connectiontimeout", String.valueOf(Math.max(1, config.connectTimeoutSeconds()) * 1000L));
        p.put(prefix + "timeout", String.valueOf(Math.max(1, config.timeoutSeconds()) * 1000L));
        p.put(prefix + "writetimeout", String.valueOf(Math.max(1, config.timeoutSeconds()) * 1000L));
        p.put(prefix + "auth", String.valueOf(!config.user().isBlank()));
        p.put(prefix + "ssl.checkserveridentity", String.valueOf(config.checkServerIdentity()));
        switch (config.security()) {
            case STARTTLS_REQUIRED -> {
                p.put(prefix + "starttls.enable", "true");
                p.put(prefix + "starttls.required", "true");
            }
            case STARTTLS_OPTIONAL -> p.put(prefix + "starttls.enable", "true");
            case SSL -> p.put(prefix + "ssl.enable", "true");
            case NONE -> p.put(prefix + "starttls.enable", "false");
        }
        if (!config.from().isBlank()) {
            p.put(prefix + "from", config.from());
        }
        return p;
    }

    @Override
    public void send(OutgoingMail mail, String messageId) throws IOException {
        Settings current = settings;
        SmtpConfiguration config = current.config();
        Session session = current.session();
        boolean ssl = config.security() == SmtpConfiguration.Security.SSL;
        String from = config.from().isBlank() ? "steward@localhost" : config.from();
        try {
            MimeMessages.withMailLoader(() -> {
                MimeMessage message = MimeMessages.build(session, mail, messageId, from);
                URLName url = new URLName(ssl ? "smtps" : "smtp", config.host(), config.port(), null, null, null);
                SMTPTransport transport = ssl ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
                try {
                    if (config.user().isBlank()) {
                        transport.connect(config.host(), config.port(), null, null);
                    } else {
                        transport.connect(config.host(), config.port(), config.user(), config._password());
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                } finally {
                    try {
                        transport.close();
                    } catch (MessagingException ignored) {
                        // the mail was handed over, or the failure is reported already
                    }
                }
                return null;
            });
        } catch (AuthenticationFailedException e) {
            throw new IOException("The SMTP server refused the login of the configured user", e);
        } catch (MessagingException e) {
            int code = replyCode(e);
            String reason = Redaction.describe(e, mail.to());
            if (code >= 500 && code < 600) {
                throw new MailRefusedException("The SMTP server refused the mail permanently (" + code + "): "
                        + reason);
            }
            throw new IOException("SMTP delivery failed" + (code > 0 ? " (" + code + ")" : "") + ": " + reason, e);
        }
    }

    /** The first SMTP reply code in the exception chain, or 0 when the server never answered. */
    static int replyCode(Exception error) {
        Exception e = error;
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (e instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (e instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                return s.getReturnCode();
            }
            if (e instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            e = e instanceof MessagingException m ? m.getNextException()
                    : e.getCause() instanceof Exception cause ? cause : null;
        }
        return 0;
    }
}
