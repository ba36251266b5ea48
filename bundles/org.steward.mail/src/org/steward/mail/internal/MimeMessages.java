package org.steward.mail.internal;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.steward.mail.OutgoingMail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

/**
 * Builds RFC 822 messages with Jakarta Mail. Jakarta Mail and Jakarta Activation find their implementations (stream
 * provider, mailcap with the content handlers) through ServiceLoader and resources of the thread context class
 * loader, which in OSGi sees neither; every use of them runs with a context class loader that sees the Angus bundles.
 */
final class MimeMessages {

    private static final ClassLoader MAIL_LOADER = new BridgeLoader();

    private MimeMessages() {
    }

    /** Runs work with the context class loader that finds Angus Mail and Angus Activation. */
    static <T> T withMailLoader(Callable<T> work) throws MessagingException, IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MAIL_LOADER);
        try {
            return work.call();
        } catch (MessagingException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static Session session(Properties properties) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MAIL_LOADER);
        try {
            return Session.getInstance(properties);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The message for a mail; call inside {@link #withMailLoader}. The sender is the mail's From header, else
     * {@code defaultFrom}; the Message-ID is the outbox's, kept when the message is saved.
     */
    static MimeMessage build(Session session, OutgoingMail mail, String messageId, String defaultFrom)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        String from = mail.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("from"))
                .map(Map.Entry::getValue).findFirst().orElse(defaultFrom);
        message.setFrom(new InternetAddress(from, true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject().replaceAll("[\\r\\n]+", " "), "UTF-8");
        message.setSentDate(new Date());
        for (Map.Entry<String, String> header : mail.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("from")) {
                continue;
            }
            String value = header.getValue();
            boolean ascii = value.chars().allMatch(c -> c < 0x80);
            message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2,
                    ascii ? value : MimeUtility.encodeText(value, "UTF-8", null)));
        }
        if (mail.htmlBody().isEmpty()) {
            message.setText(mail.textBody(), "UTF-8", "plain");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.textBody(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.htmlBody().get(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        }
        message.saveChanges();
        return message;
    }

    /** A message whose Message-ID stays the outbox's, the same on every retry. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /**
     * Sees the classes and resources ({@code META-INF/services}, {@code META-INF/mailcap}) of Angus Mail, of Angus
     * Activation (which Angus Mail reaches through its dynamic imports) and of the Jakarta APIs.
     */
    private static final class BridgeLoader extends ClassLoader {
        private final List<ClassLoader> loaders = new ArrayList<>();

        BridgeLoader() {
            super(null);
            ClassLoader angusMail = SMTPTransport.class.getClassLoader();
            loaders.add(angusMail);
            try {
                loaders.add(angusMail.loadClass("org.eclipse.angus.activation.MailcapRegistryProviderImpl")
                        .getClassLoader());
            } catch (ClassNotFoundException | LinkageError absent) {
                // Jakarta Activation then falls back to its defaults
            }
            loaders.add(Session.class.getClassLoader());
            loaders.add(MimeMessages.class.getClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader loader : loaders) {
                try {
                    return loader.loadClass(name);
                } catch (ClassNotFoundException next) {
                    // try the next bundle
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            for (ClassLoader loader : loaders) {
                URL url = loader.getResource(name);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            Set<URL> urls = new LinkedHashSet<>();
            for (ClassLoader loader : loaders) {
                urls.addAll(Collections.list(loader.getResources(name)));
            }
            return Collections.enumeration(urls);
        }
    }
}
