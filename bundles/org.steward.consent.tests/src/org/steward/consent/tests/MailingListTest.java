package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.steward.consent.ConsentState;
import org.steward.consent.MailingList;
import org.steward.consent.TokenRejectedException;
import org.steward.contacts.Contact;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.mail.MailId;
import org.steward.mail.MailState;
import org.steward.mail.RenderedMail;
import org.steward.testing.Osgi;

import jakarta.mail.internet.MimeMessage;

/** Mailing lists: subscription needs consent; list mail carries RFC 8058 headers; the one-click link works. */
class MailingListTest {

    private final ConsentFixture f;

    MailingListTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(MailingListTest.class));
    }

    private String newList() {
        String name = "weekly-" + UUID.randomUUID().toString().substring(0, 8);
        MailingList list = f.lists().define(name, "newsletter", "The weekly news", ConsentFixture.STAFF);
        assertEquals("newsletter", list.purpose());
        return name;
    }

    private static RenderedMail issue() {
        return new RenderedMail("weekly", "en", "This week", "Ten things that happened this week.",
                Optional.empty());
    }

    @Test
    void oneClickUnsubscribeFromTheHeadersOfARealMail() throws Exception {
        String list = newList();
        String email = ConsentFixture.uniqueEmail("list");
        Contact contact = f.contact(email);
        PersonId person = contact.person();
        assertThrows(ConflictException.class, () -> f.lists().subscribe(person, list, ConsentFixture.STAFF),
                "subscribing needs consent to the list's purpose");
        f.consents().grant(person, "newsletter", f.formProof(1), ConsentFixture.STAFF);
        f.lists().subscribe(person, list, ConsentFixture.STAFF);
        assertTrue(f.lists().isSubscribed(person, list, ConsentFixture.STAFF));
        assertEquals(List.of(person), f.lists().subscribers(list, ConsentFixture.STAFF));

        List<String> sent = f.lists().sendToAll(list, issue(), ConsentFixture.STAFF);
        assertEquals(1, sent.size());
        f.awaitState(new MailId(sent.get(0)), MailState.SENT);
        MimeMessage mail = f.awaitMails(email, 1).get(0);
        String unsubscribe = ConsentFixture.header(mail, "List-Unsubscribe");
        assertTrue(unsubscribe.startsWith("<" + ConsentFixture.UNSUBSCRIBE_URL), unsubscribe);
        assertTrue(unsubscribe.contains("<mailto:" + ConsentFixture.UNSUBSCRIBE_MAILBOX + "?subject="), unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", ConsentFixture.header(mail, "List-Unsubscribe-Post"));
        String token = ConsentFixture.token(unsubscribe, ConsentFixture.UNSUBSCRIBE_URL);
        String mailto = URLDecoder.decode(unsubscribe.substring(unsubscribe.indexOf("mailto:")),
                StandardCharsets.UTF_8);
        assertTrue(mailto.contains("unsubscribe " + token), "the mailto form carries the same token");
        assertTrue(ConsentFixture.text(mail).contains(ConsentFixture.UNSUBSCRIBE_URL + token),
                "the link is in the body too");

        assertEquals(list, f.lists().unsubscribe(token), "one click, no login");
        assertFalse(f.lists().isSubscribed(person, list, ConsentFixture.STAFF));
        assertFalse(f.permission().mayContact(person, MailingList.mailPurpose(list)).allowed());
        assertEquals(ConsentState.WITHDRAWN, f.consents().current(person, "newsletter", ConsentFixture.STAFF)
                .orElseThrow().state(), "leaving the only newsletter list withdraws the newsletter consent");
        assertEquals(list, f.lists().unsubscribe(token), "a second click is harmless");
        assertThrows(ConflictException.class, () -> f.lists().send(list, person, issue(), ConsentFixture.STAFF));
        assertTrue(f.lists().sendToAll(list, issue(), ConsentFixture.STAFF).isEmpty());
        assertEquals(TokenRejectedException.Reason.UNKNOWN, assertThrows(TokenRejectedException.class,
                () -> f.lists().unsubscribe("B".repeat(43))).reason());
    }

    @Test
    void unsubscribingStopsQueuedListMail() throws Exception {
        String list = newList();
        String email = ConsentFixture.uniqueEmail("queued-list");
        PersonId person = f.contact(email).person();
        f.consents().grant(person, "newsletter", f.formProof(1), ConsentFixture.STAFF);
        f.lists().subscribe(person, list, ConsentFixture.STAFF);
        f.stopSmtp();
        String queued;
        try {
            queued = f.lists().send(list, person, issue(), ConsentFixture.STAFF);
            f.awaitAttempts(new MailId(queued), 1);
        } finally {
            f.startSmtp();
        }
        f.lists().unsubscribe(person, list, ConsentFixture.STAFF);
        f.advance(java.time.Duration.ofHours(1));
        f.outbox().deliverDue();
        f.awaitState(new MailId(queued), MailState.CANCELLED);
        assertTrue(f.mailsTo(email).isEmpty());
    }
}
