package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.steward.consent.ConsentState;
import org.steward.consent.CookieChoices;
import org.steward.consent.CookiePreference;
import org.steward.consent.WebFormSubmission;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.testing.Osgi;

/** Cookie preferences (nothing pre-ticked) and the restriction lock. */
class CookieAndRestrictionTest {

    private final ConsentFixture f;

    CookieAndRestrictionTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(CookieAndRestrictionTest.class));
    }

    @Test
    void cookiePreferencesStartOffAndAreRecordedWithProof() {
        PersonId person = f.contact(ConsentFixture.uniqueEmail("cookies")).person();
        CookiePreference initial = f.cookies().current(person, ConsentFixture.STAFF);
        assertEquals(CookieChoices.NONE, initial.choices());
        assertTrue(initial.choices().necessary());
        assertFalse(initial.choices().preferences() || initial.choices().statistics()
                || initial.choices().marketing(), "nothing is pre-ticked");
        assertTrue(initial.proof().isEmpty());

        f.cookies().record(person, new CookieChoices(false, true, false), f.formProof(1), ConsentFixture.STAFF);
        CookiePreference now = f.cookies().current(person, ConsentFixture.STAFF);
        assertEquals(new CookieChoices(false, true, false), now.choices());
        assertEquals("203.0.113.77", now.proof().orElseThrow().ipAddress().orElseThrow());
        f.cookies().record(person, CookieChoices.NONE, f.formProof(1), ConsentFixture.STAFF);
        assertEquals(CookieChoices.NONE, f.cookies().current(person, ConsentFixture.STAFF).choices());
        assertEquals(2, f.cookies().history(person, ConsentFixture.STAFF).size(), "every change is kept");
    }

    @Test
    void aRestrictedPersonIsRefusedEverythingButWithdrawal() throws Exception {
        String email = ConsentFixture.uniqueEmail("restricted");
        PersonId person = f.contact(email).person();
        f.consents().grant(person, "marketing-email", f.formProof(1), ConsentFixture.STAFF);
        assertTrue(f.permission().mayContact(person, "marketing-email").allowed());
        PersonalDataProvider provider = f.provider();
        provider.restrict(person, true, ConsentFixture.STAFF);
        assertTrue(provider.isRestricted(person));

        assertFalse(f.permission().mayContact(person, "marketing-email").allowed());
        assertFalse(f.permission().mayContact(person, "service").allowed(), "not even service mail");
        assertThrows(ProcessingRestrictedException.class,
                () -> f.consents().grant(person, "newsletter", f.formProof(1), ConsentFixture.STAFF));
        String list = "restricted-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        f.lists().define(list, "marketing-email", "", ConsentFixture.STAFF);
        assertThrows(ProcessingRestrictedException.class, () -> f.lists().subscribe(person, list,
                ConsentFixture.STAFF));
        assertThrows(ProcessingRestrictedException.class, () -> f.doubleOptIn().submit(WebFormSubmission.of(email,
                "newsletter", "form", null, null, Locale.ENGLISH, f.clock().instant())));
        assertThrows(ProcessingRestrictedException.class, () -> f.cookies().record(person,
                new CookieChoices(true, false, false), f.formProof(1), ConsentFixture.STAFF));
        assertThrows(ProcessingRestrictedException.class, () -> f.requests().request(person, "newsletter",
                ConsentFixture.STAFF));
        assertEquals(ConsentState.WITHDRAWN, f.consents().withdraw(person, "marketing-email", f.withdrawalProof(),
                ConsentFixture.STAFF).state(), "withdrawing is the person's right and only reduces processing");
        assertFalse(provider.export(person, ConsentFixture.STAFF).isEmpty(), "rights handling goes on");

        provider.restrict(person, false, ConsentFixture.STAFF);
        assertFalse(provider.isRestricted(person));
        f.consents().grant(person, "newsletter", f.formProof(1), ConsentFixture.STAFF);
        assertTrue(f.permission().mayContact(person, "newsletter").allowed());
    }
}
