package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.core.PersonId;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.OutgoingMail;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** Delivery through a real SMTP server (GreenMail on loopback), retries with backoff, and a restart of the bundle. */
class SmtpDeliveryTest {

    private static MailFixture fixture;
    private static int port;
    private static GreenMail server;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new MailFixture(Osgi.context(SmtpDeliveryTest.class));
        port = MailFixture.freePort();
        fixture.configure(MailFixture.outboxSettings("smtp", 3), MailFixture.smtpSettings(port));
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.stop();
        }
    }

    private static void up() throws Exception {
        if (server == null) {
            server = MailFixture.greenMail(port);
        }
    }

    private static void down() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private static OutgoingMail mail(String to, PersonId person, String subject) {
        return new OutgoingMail(to, Optional.of(person), OutgoingMail.SERVICE, subject, "Treść: żółw, 你好\n",
                Optional.of("<p>Treść: <b>żółw</b>, 你好</p>"), Map.of(), "ticket-reply");
    }

    @Test
    void deliversThroughSmtpWithHeadersUtf8SubjectAndAStableMessageId() throws Exception {
        up();
        PersonId person = PersonId.random();
        String subject = "Zażółć gęślą jaźń – 你好，世界";
        OutgoingMail mail = mail("anna.kowalska@example.com", person, subject)
                .withHeader("List-Unsubscribe", "<https://example.org/u/abc123>, <mailto:unsub@example.org>")
                .withHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MailId id = fixture.outbox().enqueue(mail);
        MailStatus sent = fixture.awaitState(id, MailState.SENT);
        assertEquals(1, sent.attempts());
        assertTrue(sent.sentAt().isPresent());
        assertTrue(server.waitForIncomingEmail(10_000, 1));
        MimeMessage received = received("<" + id + "@example.org>");
        MailFixture.withAngus(() -> {
            assertEquals(subject, received.getSubject());
            assertEquals("anna.kowalska@example.com", received.getAllRecipients()[0].toString());
            assertEquals(MailFixture.FROM, received.getFrom()[0].toString());
            assertEquals("<https://example.org/u/abc123>, <mailto:unsub@example.org>",
                    received.getHeader("List-Unsubscribe", null));
            assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post", null));
            Multipart parts = (Multipart) received.getContent();
            assertEquals(2, parts.getCount());
            assertEquals("Treść: żółw, 你好", parts.getBodyPart(0).getContent().toString().strip());
            assertTrue(parts.getBodyPart(1).getContentType().startsWith("text/html"));
            assertTrue(parts.getBodyPart(1).getContent().toString().contains("<b>żółw</b>"));
            return null;
        });
        // once sent only status metadata is kept
        assertNull(fixture.column(id, "RECIPIENT"));
        assertNull(fixture.column(id, "TEXT_BODY"));
        assertEquals("SENT", fixture.column(id, "STATE"));
    }

    private MimeMessage received(String messageId) throws Exception {
        for (MimeMessage message : server.getReceivedMessages()) {
            if (messageId.equals(message.getMessageID())) {
                return message;
            }
        }
        throw new AssertionError("no message with Message-ID " + messageId);
    }

    @Test
    void retriesWithBackoffWhileTheServerIsDownAndSendsOnceItIsUpWithTheSameMessageId() throws Exception {
        down();
        PersonId person = PersonId.random();
        String address = "retry.person@example.net";
        AuditLog audit = Osgi.service(fixture.context, AuditLog.class);
        try (LogCapture log = new LogCapture(fixture.context)) {
            MailOutbox outbox = fixture.outbox();
            MailId id = outbox.enqueue(mail(address, person, "Retry"));
            MailStatus first = fixture.awaitAttempts(id, 1);
            assertEquals(MailState.QUEUED, first.state());
            assertTrue(first.lastError().isPresent(), "the reason of the failure is kept");
            Duration wait = Duration.between(fixture.clock().instant(), first.nextAttempt().orElseThrow());
            assertTrue(wait.compareTo(Duration.ofSeconds(15)) >= 0 && wait.compareTo(Duration.ofSeconds(30)) <= 0,
                    "the first retry waits between half and all of the 30 s base: " + wait);
            log.await("not delivered (attempt 1 of 3)");

            up();
            Osgi.sleep(1500);
            assertEquals(MailState.QUEUED, outbox.status(id).orElseThrow().state(), "not due yet: nothing is sent");
            fixture.clock().advance(Duration.ofSeconds(31));
            MailStatus sent = fixture.awaitState(id, MailState.SENT);
            assertEquals(2, sent.attempts());
            assertTrue(server.waitForIncomingEmail(10_000, 1));
            assertNotNull(received("<" + id + "@example.org>"));

            assertNoAddressIn(log.messages(), audit, id, address);
        }
    }

    @Test
    void failsAfterTheLastAttemptAndMailRetryQueuesItAgain() throws Throwable {
        down();
        PersonId person = PersonId.random();
        String address = "failing.person@example.net";
        AuditLog audit = Osgi.service(fixture.context, AuditLog.class);
        try (LogCapture log = new LogCapture(fixture.context)) {
            MailId id = fixture.outbox().enqueue(mail(address, person, "Fails"));
            fixture.awaitAttempts(id, 1);
            fixture.clock().advance(Duration.ofSeconds(31));
            fixture.awaitAttempts(id, 2);
            fixture.clock().advance(Duration.ofSeconds(61));
            MailStatus failed = fixture.awaitState(id, MailState.FAILED);
            assertEquals(3, failed.attempts());
            assertTrue(failed.nextAttempt().isEmpty());
            assertNotNull(fixture.column(id, "RECIPIENT"), "failed mail keeps its (encrypted) content for a retry");
            List<AuditEntry> failures = List.of();
            for (int i = 0; i < 100 && failures.isEmpty(); i++) {
                // the audit entry follows the state change
                Osgi.sleep(i == 0 ? 0 : 50);
                failures = audit.query(AuditQuery.builder().target("mail", "mail", id.value())
                        .action("mail.failed").build()).entries();
            }
            assertEquals(1, failures.size());
            assertEquals(Optional.of(person), failures.get(0).event().person());

            up();
            Object answer = fixture.command("retry", id.value());
            assertTrue(answer.toString().contains("queued again"), answer.toString());
            fixture.awaitState(id, MailState.SENT);
            assertTrue(server.waitForIncomingEmail(10_000, 1));
            assertNotNull(received("<" + id + "@example.org>"));
            assertNoAddressIn(log.messages(), audit, id, address);
        }
    }

    @Test
    void queuedMailSurvivesARestartOfTheBundle() throws Exception {
        down();
        PersonId person = PersonId.random();
        MailOutbox before = fixture.outbox();
        MailId id = before.enqueue(mail("restart.person@example.net", person, "After restart"));
        fixture.awaitAttempts(id, 1);

        Osgi.restart(fixture.context, "org.steward.mail");
        MailOutbox after = Osgi.service(fixture.context, MailOutbox.class, o -> o != before);
        assertEquals(MailState.QUEUED, after.status(id).orElseThrow().state());

        up();
        fixture.clock().advance(Duration.ofSeconds(31));
        // the restarted background sender delivers it without being asked
        MailStatus sent = fixture.awaitState(id, MailState.SENT);
        assertEquals(2, sent.attempts());
        assertTrue(server.waitForIncomingEmail(10_000, 1));
        assertNotNull(received("<" + id + "@example.org>"));
    }

    @Test
    void theConsoleShowsTheOutboxAndSendsATestMail() throws Throwable {
        up();
        String answer = (String) fixture.command("test", "admin@example.org");
        assertTrue(answer.matches("Test mail \\S+ is sent"), answer);
        String outbox = (String) fixture.command("outbox");
        assertTrue(outbox.startsWith("Outbox (transport smtp): "), outbox);
        assertTrue(outbox.contains(" sent"), outbox);
    }

    static void assertNoAddressIn(List<String> logged, AuditLog audit, MailId id, String address) {
        for (String message : logged) {
            assertFalse(message != null && message.contains(address), "an address was logged: " + message);
        }
        List<AuditEntry> entries = audit.query(AuditQuery.builder().target("mail", "mail", id.value()).build())
                .entries();
        assertFalse(entries.isEmpty(), "the mail is audited");
        for (AuditEntry entry : entries) {
            assertFalse(entry.event().details().contains(address), "an address was audited: " + entry);
            assertFalse(entry.event().details().contains("@example"), "an address was audited: " + entry);
        }
    }
}
