package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.mail.MailId;
import org.steward.mail.MailState;
import org.steward.mail.OutgoingMail;
import org.steward.testing.Osgi;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** The default file-drop transport, content encrypted at rest, and the personal-data provider. */
class FileDropAndRightsTest {

    private static MailFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new MailFixture(Osgi.context(FileDropAndRightsTest.class));
        fixture.configure(MailFixture.outboxSettings("file", 3), null);
    }

    private static OutgoingMail mail(PersonId person, String subject) {
        return new OutgoingMail("jean.dupont@example.fr", Optional.of(person), OutgoingMail.SERVICE, subject,
                "Votre demande est traitée.\n", Optional.empty(),
                Map.of("List-Unsubscribe", "<https://example.org/u/1>"), "ticket-reply");
    }

    private Path file(MailId id) {
        return fixture.dropFolder().resolve(id.value() + ".eml");
    }

    @Test
    void theDefaultTransportWritesAnEmlFile() throws Exception {
        PersonId person = PersonId.random();
        MailId id = fixture.outbox().enqueue(mail(person, "Réponse à votre demande – 回复"));
        fixture.awaitState(id, MailState.SENT);
        Path file = file(id);
        assertTrue(Files.exists(file), "drop file " + file);
        MimeMessage message = MailFixture.withAngus(() -> {
            try (var in = Files.newInputStream(file)) {
                return new MimeMessage(Session.getInstance(new Properties()), in);
            }
        });
        MailFixture.withAngus(() -> {
            assertEquals("Réponse à votre demande – 回复", message.getSubject());
            assertEquals("<" + id + "@example.org>", message.getMessageID());
            assertEquals("<https://example.org/u/1>", message.getHeader("List-Unsubscribe", null));
            assertEquals("Votre demande est traitée.", message.getContent().toString().strip());
            return null;
        });
        String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("\n.\n"), "no SMTP artefacts");
    }

    @Test
    void restrictionHoldsQueuedMailWhoseContentIsEncryptedAtRest() throws Exception {
        PersonalDataProvider provider = fixture.provider();
        PersonId person = PersonId.random();
        provider.restrict(person, true, Actor.system());
        assertTrue(provider.isRestricted(person));
        MailId id = fixture.outbox().enqueue(mail(person, "Held"));
        Osgi.sleep(2500); // two passes of the background sender
        assertEquals(MailState.QUEUED, fixture.outbox().status(id).orElseThrow().state(), "held while restricted");
        String stored = fixture.column(id, "RECIPIENT");
        assertNotNull(stored);
        assertFalse(stored.contains("jean.dupont") || stored.contains("example.fr"), "encrypted at rest");
        assertFalse(fixture.column(id, "SUBJECT").contains("Held"));
        assertEquals("1", fixture.column(id, "ENCRYPTED").equals("true") ? "1" : fixture.column(id, "ENCRYPTED"));

        // the export hands over the decrypted content of waiting mail
        PersonalDataExport export = provider.export(person, Actor.system());
        ExportedRecord record = export.records().stream().filter(r -> r.id().equals(id.value())).findFirst()
                .orElseThrow();
        assertEquals("QUEUED", record.fields().get("state"));
        assertEquals("jean.dupont@example.fr", record.fields().get("to"));
        assertEquals("Held", record.fields().get("subject"));

        // rectification corrects the recipient of waiting mail only
        assertEquals(1, provider.rectify(person, Map.of("to", "jean.dupont@example.com"), Actor.system()));
        ValidationException other = assertThrows(ValidationException.class,
                () -> provider.rectify(person, Map.of("subject", "x"), Actor.system()));
        assertEquals("subject", other.field());

        provider.restrict(person, false, Actor.system());
        fixture.awaitState(id, MailState.SENT);
        String raw = Files.readString(file(id), StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("To: jean.dupont@example.com"), "sent to the rectified address");
    }

    @Test
    void erasureDeletesRowsAndDropFilesAndIsIdempotent() throws Exception {
        PersonalDataProvider provider = fixture.provider();
        PersonId person = PersonId.random();
        PersonId other = PersonId.random();
        MailId first = fixture.outbox().enqueue(mail(person, "One"));
        MailId second = fixture.outbox().enqueue(mail(person, "Two"));
        MailId kept = fixture.outbox().enqueue(mail(other, "Other"));
        for (MailId id : List.of(first, second, kept)) {
            fixture.awaitState(id, MailState.SENT);
            assertTrue(Files.exists(file(id)));
        }
        assertEquals(2, fixture.outbox().forPerson(person).size());
        PersonalDataExport export = provider.export(person, Actor.system());
        assertEquals(4, export.records().size(), "two mails and two drop files: " + export);

        ErasureOutcome outcome = provider.erase(person, Actor.system());
        assertEquals(4, outcome.deleted());
        assertFalse(Files.exists(file(first)));
        assertFalse(Files.exists(file(second)));
        assertTrue(Files.exists(file(kept)), "another person's file stays");
        assertEquals(0, fixture.rowsOf(person));
        assertTrue(fixture.outbox().forPerson(person).isEmpty());
        assertEquals(1, fixture.rowsOf(other));

        assertEquals(0, provider.erase(person, Actor.system()).deleted(), "a second erasure finds nothing");
        assertTrue(provider.export(person, Actor.system()).isEmpty());
        assertEquals("mail", provider.describe().module());
    }
}
