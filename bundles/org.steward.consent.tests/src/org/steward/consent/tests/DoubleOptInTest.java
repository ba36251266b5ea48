package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.consent.PendingConsent;
import org.steward.consent.TokenRejectedException;
import org.steward.consent.WebFormSubmission;
import org.steward.contacts.Contact;
import org.steward.contacts.SourceType;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.testing.Osgi;

import jakarta.mail.internet.MimeMessage;

/** Double opt-in end to end: the form, the mail through real SMTP, the link, its single use and expiry, the purge. */
class DoubleOptInTest {

    private final ConsentFixture f;

    DoubleOptInTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(DoubleOptInTest.class));
    }

    private PendingConsent submit(String email, String language) {
        return f.doubleOptIn().submit(WebFormSubmission.of(email, "newsletter", "footer-signup", "198.51.100.23",
                "Mozilla/5.0 DoubleOptInTest", Locale.forLanguageTag(language), f.clock().instant()));
    }

    @Test
    void theMailedLinkConfirmsOnceAndOnlyOnce() throws Exception {
        String email = ConsentFixture.uniqueEmail("doi");
        PendingConsent pending = submit(email, "en");
        PersonId person = pending.person();
        assertTrue(pending.contactCreated(), "an unknown address becomes a contact");
        assertEquals(ConsentState.PENDING, pending.record().state());
        assertEquals(f.clock().instant().plus(Duration.ofHours(48)), pending.expiresAt().orElseThrow(),
                "links expire after 48 hours by default");
        Contact contact = f.contacts().findByEmail(email, ConsentFixture.STAFF).orElseThrow();
        assertEquals(person, contact.person());
        assertEquals(SourceType.WEB_FORM, contact.sources().get(0).type(), "the contact's source is the web form");
        assertFalse(f.permission().mayContact(person, "newsletter").allowed(), "pending is not consent");

        List<MimeMessage> mails = f.awaitMails(email, 1);
        String text = ConsentFixture.text(mails.get(0));
        String token = ConsentFixture.token(text, ConsentFixture.CONFIRM_URL);

        // only the hash of the token is stored, and the IP address and browser are encrypted
        List<String> tokenRow = f.rowValues("CONSENT_TOKEN", "PERSON_ID", person.toString());
        assertFalse(tokenRow.isEmpty());
        assertFalse(tokenRow.stream().anyMatch(v -> v.contains(token)), "the token itself is not stored");
        List<String> recordRow = f.rowValues("CONSENT_RECORD", "PERSON_ID", person.toString());
        assertFalse(recordRow.stream().anyMatch(v -> v.contains("198.51.100.23") || v.contains("DoubleOptInTest")),
                "IP address and user agent are stored encrypted");

        f.advance(Duration.ofHours(47));
        ConsentRecord granted = f.doubleOptIn().confirm(token, Optional.of("198.51.100.24"),
                Optional.of("Mozilla/5.0 confirm"));
        assertEquals(ConsentState.GRANTED, granted.state());
        assertEquals(f.clock().instant(), granted.confirmedAt().orElseThrow(), "the confirmation time is the proof");
        assertEquals("footer-signup", granted.proof().formName());
        assertEquals(1, granted.proof().textVersion());
        assertEquals(Optional.of("198.51.100.23"), granted.proof().ipAddress(), "the submission's address");
        assertTrue(f.permission().mayContact(person, "newsletter").allowed());

        TokenRejectedException again = assertThrows(TokenRejectedException.class,
                () -> f.doubleOptIn().confirm(token, Optional.empty(), Optional.empty()));
        assertEquals(TokenRejectedException.Reason.USED, again.reason());
        assertTrue(again.getMessage().contains("already used"), again.getMessage());

        List<ConsentRecord> history = f.consents().history(person, ConsentFixture.STAFF);
        assertEquals(List.of(ConsentState.PENDING, ConsentState.GRANTED),
                history.stream().map(ConsentRecord::state).toList(), "the history keeps both steps");

        PendingConsent repeated = submit(email, "en");
        assertEquals(ConsentState.GRANTED, repeated.record().state(), "consent given is not asked again");
        assertTrue(repeated.mailId().isEmpty());
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        String email = ConsentFixture.uniqueEmail("expired");
        PendingConsent pending = submit(email, "pl");
        String token = ConsentFixture.token(ConsentFixture.text(f.awaitMails(email, 1).get(0)),
                ConsentFixture.CONFIRM_URL);
        f.advance(Duration.ofHours(48).plusSeconds(1));
        TokenRejectedException expired = assertThrows(TokenRejectedException.class,
                () -> f.doubleOptIn().confirm(token, Optional.empty(), Optional.empty()));
        assertEquals(TokenRejectedException.Reason.EXPIRED, expired.reason());
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
        assertFalse(f.permission().mayContact(pending.person(), "newsletter").allowed());
    }

    @Test
    void aNewerSubmissionReplacesTheOlderLinkAndForgedTokensAreUnknown() throws Exception {
        String email = ConsentFixture.uniqueEmail("twice");
        submit(email, "fr");
        String first = ConsentFixture.token(ConsentFixture.text(f.awaitMails(email, 1).get(0)),
                ConsentFixture.CONFIRM_URL);
        PendingConsent second = submit(email, "fr");
        assertFalse(second.contactCreated(), "the second submission finds the contact");
        assertEquals(TokenRejectedException.Reason.SUPERSEDED, assertThrows(TokenRejectedException.class,
                () -> f.doubleOptIn().confirm(first, Optional.empty(), Optional.empty())).reason());
        assertEquals(TokenRejectedException.Reason.UNKNOWN, assertThrows(TokenRejectedException.class,
                () -> f.doubleOptIn().confirm("A".repeat(43), Optional.empty(), Optional.empty())).reason());
        assertEquals(TokenRejectedException.Reason.UNKNOWN, assertThrows(TokenRejectedException.class,
                () -> f.doubleOptIn().confirm("not a token", Optional.empty(), Optional.empty())).reason());
    }

    @Test
    void badSubmissionsNameTheField() {
        assertEquals("email", assertThrows(ValidationException.class, () -> submit("not-an-address", "en")).field());
        assertEquals("purpose", assertThrows(ValidationException.class, () -> f.doubleOptIn().submit(
                WebFormSubmission.of(ConsentFixture.uniqueEmail("bad"), "no-such-purpose", "form", null, null,
                        Locale.ENGLISH, f.clock().instant()))).field());
        assertEquals("purpose", assertThrows(ValidationException.class, () -> f.doubleOptIn().submit(
                WebFormSubmission.of(ConsentFixture.uniqueEmail("bad"), "service", "form", null, null,
                        Locale.ENGLISH, f.clock().instant()))).field(), "service communication needs no consent");
    }

    @Test
    void unconfirmedSubmissionsArePurgedWithTheContactTheyCreated() throws Exception {
        String email = ConsentFixture.uniqueEmail("purge");
        PendingConsent pending = submit(email, "it");
        f.awaitMails(email, 1);
        String kept = ConsentFixture.uniqueEmail("kept");
        Contact existing = f.contact(kept);
        PendingConsent known = submit(kept, "it");
        assertFalse(known.contactCreated());
        f.advance(Duration.ofDays(6));
        f.doubleOptIn().purgeUnconfirmed();
        assertEquals(1, f.count("CONSENT_TOKEN", "PERSON_ID", pending.person().toString()), "kept for 7 days");

        f.advance(Duration.ofDays(1).plusMinutes(1));
        assertTrue(f.doubleOptIn().purgeUnconfirmed() >= 2);
        assertEquals(0, f.count("CONSENT_TOKEN", "PERSON_ID", pending.person().toString()));
        assertEquals(0, f.count("CONSENT_RECORD", "PERSON_ID", pending.person().toString()));
        assertTrue(f.contacts().findByEmail(email, ConsentFixture.STAFF).isEmpty(),
                "the contact the submission created is gone");
        assertEquals(existing.person(), f.contacts().findByEmail(kept, ConsentFixture.STAFF).orElseThrow().person(),
                "a contact that existed before is kept");
        assertEquals(0, f.count("CONSENT_RECORD", "PERSON_ID", existing.person().toString()));
        assertEquals(0, f.doubleOptIn().purgeUnconfirmed(), "idempotent");
    }
}
