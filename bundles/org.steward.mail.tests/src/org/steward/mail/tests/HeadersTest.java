package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.mail.OutgoingMail;
import org.steward.testing.Osgi;

/** Malformed addresses and headers are refused before anything is stored, naming the header. */
class HeadersTest {

    private static MailFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new MailFixture(Osgi.context(HeadersTest.class));
    }

    private static OutgoingMail mail(PersonId person, String to) {
        return new OutgoingMail(to, Optional.of(person), OutgoingMail.SERVICE, "Subject", "Body\n", Optional.empty(),
                Map.of(), "");
    }

    @Test
    void lineBreaksInAHeaderValueAreRefusedNamingTheHeader() {
        PersonId person = PersonId.random();
        ValidationException e = assertThrows(ValidationException.class, () -> fixture.outbox().enqueue(
                mail(person, "a@example.com").withHeader("List-Unsubscribe", "<https://x>\r\nBcc: victim@example.com")));
        assertEquals("header List-Unsubscribe", e.field());
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
        assertTrue(!e.getMessage().contains("victim"), "the value is not repeated");
        assertThrows(ValidationException.class, () -> fixture.outbox()
                .enqueue(mail(person, "a@example.com").withHeader("X-Note", "one\ntwo")));
        assertTrue(fixture.outbox().forPerson(person).isEmpty(), "nothing was stored");
    }

    @Test
    void malformedOrReservedHeaderNamesAreRefused() {
        PersonId person = PersonId.random();
        ValidationException name = assertThrows(ValidationException.class, () -> fixture.outbox()
                .enqueue(mail(person, "a@example.com").withHeader("X-Evil\r\nBcc", "x")));
        assertTrue(name.field().startsWith("header X-Evil"), name.field());
        ValidationException reserved = assertThrows(ValidationException.class, () -> fixture.outbox()
                .enqueue(mail(person, "a@example.com").withHeader("Bcc", "spy@example.com")));
        assertEquals("header Bcc", reserved.field());
    }

    @Test
    void aMalformedRecipientIsRefusedWithoutRepeatingIt() {
        PersonId person = PersonId.random();
        for (String bad : new String[] { "not-an-address", "a@example.com, b@example.com",
                "a@example.com\r\nBcc: c@example.com" }) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> fixture.outbox().enqueue(mail(person, bad)));
            assertEquals("to", e.field());
            assertTrue(!e.getMessage().contains("example.com"), e.getMessage());
        }
    }
}
