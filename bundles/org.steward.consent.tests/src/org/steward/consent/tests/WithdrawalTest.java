package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.contacts.Contact;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.mail.MailId;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.OutgoingMail;
import org.steward.testing.Osgi;

/** A withdrawal stops mail at once: a queued newsletter is cancelled before delivery and a new one is refused. */
class WithdrawalTest {

    private final ConsentFixture f;

    WithdrawalTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(WithdrawalTest.class));
    }

    private static OutgoingMail newsletter(String email, PersonId person) {
        return new OutgoingMail(email, Optional.of(person), "newsletter", "May news", "Hello, here is the news.",
                Optional.empty(), Map.of(), "newsletter");
    }

    @Test
    void withdrawalCancelsQueuedMailAndRefusesNewMail() throws Exception {
        String email = ConsentFixture.uniqueEmail("withdraw");
        Contact contact = f.contact(email);
        PersonId person = contact.person();
        assertThrows(MailRefusedException.class, () -> f.outbox().enqueue(newsletter(email, person)),
                "no consent, no newsletter");
        f.consents().grant(person, "newsletter", f.formProof(1), ConsentFixture.STAFF);

        MailId delivered = f.outbox().enqueue(newsletter(email, person));
        f.awaitState(delivered, MailState.SENT);
        assertEquals(1, f.awaitMails(email, 1).size());

        // the next newsletter stays queued: the SMTP server is down at the first attempt
        f.stopSmtp();
        MailId queued;
        try {
            queued = f.outbox().enqueue(newsletter(email, person));
            MailStatus waiting = f.awaitAttempts(queued, 1);
            assertEquals(MailState.QUEUED, waiting.state());
        } finally {
            f.startSmtp();
        }

        ConsentRecord withdrawn = f.consents().withdraw(person, "newsletter", f.withdrawalProof(),
                ConsentFixture.STAFF);
        assertEquals(ConsentState.WITHDRAWN, withdrawn.state());
        assertFalse(f.permission().mayContact(person, "newsletter").allowed());

        f.advance(Duration.ofHours(1));
        f.outbox().deliverDue();
        MailStatus cancelled = f.awaitState(queued, MailState.CANCELLED);
        assertTrue(cancelled.lastError().orElse("").contains("withdrawn"), cancelled.toString());
        assertThrows(MailRefusedException.class, () -> f.outbox().enqueue(newsletter(email, person)),
                "a new newsletter is refused at once");
        Osgi.sleep(300);
        assertEquals(0, f.mailsTo(email).size(), "nothing arrived after the withdrawal (on the restarted server)");

        // service mail rests on the contract and still goes
        assertTrue(f.permission().mayContact(person, "service").allowed());

        List<ConsentRecord> history = f.consents().history(person, ConsentFixture.STAFF);
        assertEquals(List.of(ConsentState.GRANTED, ConsentState.WITHDRAWN),
                history.stream().map(ConsentRecord::state).toList());
        f.consents().withdraw(person, "newsletter", f.withdrawalProof(), ConsentFixture.STAFF);
        assertEquals(2, f.consents().history(person, ConsentFixture.STAFF).size(), "withdrawing twice adds nothing");
    }

    @Test
    void grantingNeedsAPublishedTextVersion() {
        Contact contact = f.contact(ConsentFixture.uniqueEmail("version"));
        assertEquals("textVersion", assertThrows(ValidationException.class, () -> f.consents().grant(
                contact.person(), "newsletter", f.formProof(0), ConsentFixture.STAFF)).field());
        assertEquals("textVersion", assertThrows(ValidationException.class, () -> f.consents().grant(
                contact.person(), "newsletter", f.formProof(99), ConsentFixture.STAFF)).field());
        assertEquals("purpose", assertThrows(ValidationException.class, () -> f.consents().grant(
                contact.person(), "service-communication", f.formProof(1), ConsentFixture.STAFF)).field());
    }
}
