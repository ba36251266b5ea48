package org.steward.mail.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.DataDirectory;
import org.steward.core.PersonId;
import org.steward.mail.MailTransport;
import org.steward.mail.OutgoingMail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The default transport: writes each mail as an RFC 822 {@code .eml} file into {@code <data dir>/mail/drop/}, for a
 * fresh install without a mail server (a pickup directory for a local MTA, or simply to read). The file of a mail
 * about a person is recorded with the person in {@code MAIL_DROP_FILE} before it appears, so an erasure deletes it.
 */
@Component(service = { MailTransport.class, FileDropTransport.class }, property = MailTransport.NAME_PROPERTY + "="
        + FileDropTransport.NAME)
public final class FileDropTransport implements MailTransport {

    static final String NAME = "file";
    private static final String DEFAULT_FROM = "steward@localhost";

    private final MailStore store;
    private final Path drop;
    private final Session session = MimeMessages.session(new Properties());

    @Activate
    public FileDropTransport(@Reference MailStore store, @Reference DataDirectory dataDirectory) {
        this.store = store;
        this.drop = dataDirectory.area("mail").resolve("drop");
    }

    Path folder() {
        return drop;
    }

    @Override
    public void send(OutgoingMail mail, String messageId) throws IOException {
        Files.createDirectories(drop);
        String fileName = fileName(messageId);
        Path temporary = drop.resolve(".tmp-" + UUID.randomUUID());
        try {
            MimeMessages.withMailLoader(() -> {
                MimeMessage message = MimeMessages.build(session, mail, messageId, DEFAULT_FROM);
                try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    message.writeTo(out);
                }
                return null;
            });
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            record(fileName, mail.person().orElse(null), messageId);
            try {
                Files.move(temporary, drop.resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, drop.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (MessagingException e) {
            throw new IOException("The mail could not be written as a file: " + Redaction.describe(e, mail.to()), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void record(String fileName, PersonId person, String messageId) {
        store.tx().run(em -> {
            DropFileRecord row = em.find(DropFileRecord.class, fileName);
            if (row == null) {
                row = new DropFileRecord();
                row.fileName = fileName;
                row.personId = person == null ? null : person.toString();
                row.messageId = messageId;
                row.writtenMicros = MailStore.micros(store.now());
                em.persist(row);
            }
        });
    }

    /** Deletes the drop files of a person and their rows; returns how many files there were. Idempotent. */
    int erase(PersonId person) throws IOException {
        List<String> files = store.tx().read(em -> em.createQuery(
                "SELECT f.fileName FROM DropFileRecord f WHERE f.personId = :p", String.class)
                .setParameter("p", person.toString()).getResultList());
        for (String file : files) {
            Files.deleteIfExists(drop.resolve(file));
        }
        store.tx().run(em -> em.createQuery("DELETE FROM DropFileRecord f WHERE f.personId = :p")
                .setParameter("p", person.toString()).executeUpdate());
        return files.size();
    }

    /** The drop files of a person. */
    List<String> files(PersonId person) {
        return store.tx().read(em -> em.createQuery(
                "SELECT f.fileName FROM DropFileRecord f WHERE f.personId = :p ORDER BY f.writtenMicros",
                String.class).setParameter("p", person.toString()).getResultList());
    }

    /** One file per Message-ID, so that a retry replaces its own file instead of adding one. */
    static String fileName(String messageId) {
        String local = messageId.replaceAll("^<|>$", "");
        int at = local.indexOf('@');
        local = at > 0 ? local.substring(0, at) : local;
        if (local.matches("[A-Za-z0-9-]{8,100}")) {
            return local + ".eml";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16) + ".eml";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
