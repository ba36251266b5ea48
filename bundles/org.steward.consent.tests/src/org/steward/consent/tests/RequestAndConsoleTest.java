package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.steward.consent.ConsentPurpose;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.consent.TokenRejectedException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.testing.Osgi;

/** Consent requests by mail, purposes with versioned texts, and the console commands. */
class RequestAndConsoleTest {

    private final ConsentFixture f;

    RequestAndConsoleTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(RequestAndConsoleTest.class));
    }

    @Test
    void aConsentRequestLinkRecordsTheConsentOnce() throws Throwable {
        String email = ConsentFixture.uniqueEmail("request");
        PersonId person = f.contact(email).person();
        String output = String.valueOf(f.command("request", email, "profiling"));
        assertTrue(output.startsWith("Consent request for profiling queued"), output);
        assertFalse(output.contains(email), "the address is not echoed");
        String token = ConsentFixture.token(ConsentFixture.text(f.awaitMails(email, 1).get(0)),
                ConsentFixture.REQUEST_URL);
        ConsentRecord granted = f.requests().accept(token, Optional.of("198.51.100.5"), Optional.empty());
        assertEquals(ConsentState.GRANTED, granted.state());
        assertEquals("consent-request", granted.proof().formName());
        assertTrue(granted.confirmedAt().isPresent());
        assertEquals(TokenRejectedException.Reason.USED, assertThrows(TokenRejectedException.class,
                () -> f.requests().accept(token, Optional.empty(), Optional.empty())).reason());
        assertEquals(person, granted.person());
    }

    @Test
    void consoleCommandsGrantCheckAndWithdraw() throws Throwable {
        String email = ConsentFixture.uniqueEmail("console");
        PersonId person = f.contact(email).person();
        String purposes = String.valueOf(f.command("purposes"));
        for (String name : new String[] { "newsletter", "marketing-email", "profiling", "service-communication" }) {
            assertTrue(purposes.contains(name), purposes);
        }
        assertTrue(String.valueOf(f.command("check", email, "newsletter")).startsWith("REFUSED"));
        assertTrue(String.valueOf(f.command("grant", email, "newsletter")).startsWith("Consent to newsletter"));
        String allowed = String.valueOf(f.command("check", email, "newsletter"));
        assertTrue(allowed.startsWith("ALLOWED"), allowed);
        assertTrue(f.permission().mayContact(person, "newsletter").allowed());
        assertTrue(String.valueOf(f.command("withdraw", email, "newsletter")).contains("withdrawn"));
        assertTrue(String.valueOf(f.command("check", email, "newsletter")).startsWith("REFUSED"));
        assertTrue(String.valueOf(f.command("check", email, "service")).startsWith("ALLOWED"));
        NotFoundException unknown = assertThrows(NotFoundException.class,
                () -> f.command("check", ConsentFixture.uniqueEmail("nobody"), "newsletter"));
        assertFalse(unknown.getMessage().contains("@"), "no address in the message");
    }

    @Test
    void purposesHaveVersionedTextsInSeveralLanguages() {
        ConsentPurpose newsletter = f.purposes().get("newsletter").orElseThrow();
        assertTrue(newsletter.needsConsent());
        assertFalse(f.purposes().get("service").orElseThrow().needsConsent(), "service is service communication");
        assertTrue(f.purposes().text("newsletter", 1, Locale.forLanguageTag("pl")).orElseThrow().text()
                .startsWith("Tak"));
        assertEquals(Locale.ENGLISH, f.purposes().text("newsletter", 1, Locale.GERMAN).orElseThrow().language(),
                "falls back to English");

        String name = "events-" + UUID.randomUUID().toString().substring(0, 8);
        ConsentPurpose defined = f.purposes().define(name, "Invitations to events", true, ConsentFixture.STAFF);
        assertEquals(0, defined.currentVersion());
        assertEquals(1, f.purposes().publishText(name, Map.of(Locale.ENGLISH, "Invite me to events."),
                ConsentFixture.STAFF).currentVersion());
        assertEquals(2, f.purposes().publishText(name, Map.of(Locale.ENGLISH, "Invite me to events and fairs.",
                Locale.FRENCH, "Invitez-moi aux événements."), ConsentFixture.STAFF).currentVersion());
        assertEquals("Invite me to events.", f.purposes().text(name, 1, Locale.ENGLISH).orElseThrow().text(),
                "old versions stay as they were shown");
        assertEquals("Invitez-moi aux événements.", f.purposes().text(name, 0, Locale.FRENCH).orElseThrow().text());
        PersonId person = f.contact(ConsentFixture.uniqueEmail("events")).person();
        assertEquals(1, f.consents().grant(person, name, f.formProof(1), ConsentFixture.STAFF).proof()
                .textVersion(), "consent to an older text version stays provable");
    }
}
