package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.consent.ConsentState;
import org.steward.consent.CookieChoices;
import org.steward.consent.PendingConsent;
import org.steward.consent.WebFormSubmission;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

/** The personal-data provider, and that no personal value reaches the audit trail or the log. */
class ProviderAndPrivacyTest {

    private final BundleContext context = Osgi.context(ProviderAndPrivacyTest.class);
    private final ConsentFixture f;

    ProviderAndPrivacyTest() throws Exception {
        f = ConsentFixture.get(context);
    }

    @Test
    void exportHandsOverTheFullHistoryWithProofAndEraseRemovesIt() throws Exception {
        String email = ConsentFixture.uniqueEmail("export");
        PendingConsent pending = f.doubleOptIn().submit(WebFormSubmission.of(email, "newsletter", "landing-page",
                "192.0.2.200", "Mozilla/5.0 ExportTest", Locale.ENGLISH, f.clock().instant()));
        PersonId person = pending.person();
        String token = ConsentFixture.token(ConsentFixture.text(f.awaitMails(email, 1).get(0)),
                ConsentFixture.CONFIRM_URL);
        f.doubleOptIn().confirm(token, Optional.of("192.0.2.201"), Optional.empty());
        f.consents().withdraw(person, "newsletter", f.withdrawalProof(), ConsentFixture.STAFF);
        f.cookies().record(person, new CookieChoices(true, false, false), f.formProof(1), ConsentFixture.STAFF);

        PersonalDataProvider provider = f.provider();
        assertEquals("consent", provider.module());
        assertFalse(provider.describe().categories().isEmpty());
        PersonalDataExport export = provider.export(person, ConsentFixture.STAFF);
        List<ExportedRecord> consents = export.records().stream().filter(r -> r.type().equals("consent")).toList();
        assertEquals(List.of("PENDING", "GRANTED", "WITHDRAWN"), consents.stream().map(r -> r.fields().get("state"))
                .toList(), "the whole history");
        Map<String, Object> granted = consents.get(1).fields();
        assertEquals("192.0.2.200", granted.get("ipAddress"), "the proof, decrypted for the person");
        assertEquals("Mozilla/5.0 ExportTest", granted.get("userAgent"));
        assertEquals("192.0.2.201", granted.get("confirmIpAddress"));
        assertEquals("landing-page", granted.get("form"));
        assertEquals(1, granted.get("textVersion"));
        assertTrue(granted.containsKey("confirmedAt"));
        assertTrue(export.records().stream().anyMatch(r -> r.type().equals("cookie-choice")));
        assertTrue(export.records().stream().anyMatch(r -> r.type().equals("link")
                && "confirm".equals(r.fields().get("kind")) && r.fields().containsKey("usedAt")));
        assertTrue(export.records().stream().noneMatch(r -> r.fields().values().stream()
                .anyMatch(v -> String.valueOf(v).contains(token))), "the token is never exported");

        assertThrows(ValidationException.class, () -> provider.rectify(person, Map.of("state", "GRANTED"),
                ConsentFixture.STAFF), "proof is not rectified");
        assertEquals(0, provider.rectify(person, Map.of(), ConsentFixture.STAFF));

        ErasureOutcome erased = provider.erase(person, ConsentFixture.STAFF);
        assertTrue(erased.deleted() >= 5, "records, link and cookie choice: " + erased);
        assertTrue(erased.retained().isEmpty());
        assertTrue(provider.export(person, ConsentFixture.STAFF).isEmpty());
        assertEquals(0, f.count("CONSENT_RECORD", "PERSON_ID", person.toString()));
        assertEquals(0, f.count("CONSENT_TOKEN", "PERSON_ID", person.toString()));
        assertEquals(0, provider.erase(person, ConsentFixture.STAFF).deleted(), "idempotent");
        assertFalse(f.permission().mayContact(person, "newsletter").allowed(), "nothing left means no consent");
    }

    @Test
    void noPersonalValueInAuditOrLog() throws Throwable {
        String email = ConsentFixture.uniqueEmail("privacy");
        String ip = "192.0.2.99";
        String agent = "Mozilla/5.0 PrivacyProbe";
        PersonId person;
        List<String> messages;
        try (LogCapture log = new LogCapture(context)) {
            PendingConsent pending = f.doubleOptIn().submit(WebFormSubmission.of(email, "marketing-email", "probe",
                    ip, agent, Locale.ENGLISH, f.clock().instant()));
            person = pending.person();
            String token = ConsentFixture.token(ConsentFixture.text(f.awaitMails(email, 1).get(0)),
                    ConsentFixture.CONFIRM_URL);
            assertEquals(ConsentState.GRANTED, f.doubleOptIn().confirm(token, Optional.of(ip), Optional.of(agent))
                    .state());
            assertThrows(RuntimeException.class, () -> f.doubleOptIn().confirm(token, Optional.empty(),
                    Optional.empty()));
            f.consents().withdraw(person, "marketing-email", f.withdrawalProof(), ConsentFixture.STAFF);
            f.command("check", email, "marketing-email");
            f.provider().export(person, ConsentFixture.STAFF);
            messages = log.messages();
            for (String message : messages) {
                assertFalse(message != null && (message.contains(email) || message.contains(ip)
                        || message.contains(agent) || message.contains(token)), "logged: " + message);
            }
        }
        List<AuditEntry> entries = Osgi.service(context, AuditLog.class)
                .query(AuditQuery.builder().person(person).limit(1000).build()).entries();
        assertTrue(entries.stream().anyMatch(e -> e.event().action().equals("consent.submit")));
        assertTrue(entries.stream().anyMatch(e -> e.event().action().equals("consent.confirm")));
        assertTrue(entries.stream().anyMatch(e -> e.event().action().equals("consent.withdraw")));
        assertTrue(entries.stream().anyMatch(e -> e.event().action().equals("consent.export")));
        for (AuditEntry entry : entries) {
            String text = entry.event().toString();
            assertFalse(text.contains(email) || text.contains(ip) || text.contains(agent), "audited: " + text);
        }
    }
}
