package org.steward.breaches.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.breaches.AuthorityNotification;
import org.steward.breaches.Breach;
import org.steward.breaches.BreachDraft;
import org.steward.breaches.BreachStatus;
import org.steward.core.ConflictException;
import org.steward.core.ValidationException;
import org.steward.testing.Osgi;

/** The notification of the authority is recorded (when, reference, reasons for a delay); every change is audited. */
class AuthorityNotificationTest {

    private final BundleContext context = Osgi.context(getClass());

    @Test
    void aNotificationInTimeIsRecordedAndEndsTheClock() throws Exception {
        BreachesFixture fixture = BreachesFixture.fresh(context);
        Breach breach = fixture.breaches.record(fixture.draft(fixture.clock.instant()).build(), BreachesFixture.DPO);
        fixture.clock.advance(Duration.ofHours(30));

        Breach notified = fixture.breaches.notifyAuthority(breach.id(), null, "UODO/2030/0042", "",
                BreachesFixture.DPO);
        AuthorityNotification authority = notified.authority().orElseThrow();
        assertEquals(fixture.clock.instant(), authority.notifiedAt());
        assertEquals("UODO/2030/0042", authority.reference());
        assertFalse(authority.late());
        assertEquals("console:dpo", authority.recordedBy());

        fixture.clock.advance(Duration.ofDays(10));
        assertTrue(fixture.breaches.overdue(BreachesFixture.DPO).isEmpty(), "a notified breach is never overdue");
        assertEquals(authority, fixture.breaches.get(breach.id(), BreachesFixture.DPO).authority().orElseThrow(),
                "stored");
        assertThrows(ConflictException.class, () -> fixture.breaches.notifyAuthority(breach.id(), null, "again", "",
                BreachesFixture.DPO));

        List<AuditEntry> entries = fixture.audit("breach.notify-authority");
        assertEquals(1, entries.size());
        assertTrue(entries.get(0).event().details().startsWith("in time"));
        assertTrue(entries.get(0).event().fields().contains("authorityReference"));
        assertFalse(entries.get(0).event().details().contains("UODO"), "the reference stays in the register");
    }

    @Test
    void aLateNotificationNeedsTheReasonsForTheDelay() throws Throwable {
        BreachesFixture fixture = BreachesFixture.fresh(context);
        Breach breach = fixture.breaches.record(fixture.draft(fixture.clock.instant()).build(), BreachesFixture.DPO);
        fixture.clock.advance(Duration.ofHours(80));

        ValidationException refused = assertThrows(ValidationException.class, () -> fixture.breaches
                .notifyAuthority(breach.id(), null, "UODO/2030/0043", " ", BreachesFixture.DPO));
        assertEquals("delayReasons", refused.field());

        String answer = (String) fixture.command("notifyAuthority",
                new Class<?>[] { String.class, String.class, String.class }, breach.id().value(), "UODO/2030/0043",
                "The processor reported the scope only on day 3");
        assertTrue(answer.contains("late"), answer);
        AuthorityNotification authority = fixture.breaches.get(breach.id(), BreachesFixture.DPO).authority()
                .orElseThrow();
        assertTrue(authority.late());
        assertEquals("The processor reported the scope only on day 3", authority.delayReasons());
    }

    @Test
    void changesAreValidatedAndAuditedByFieldName() throws Exception {
        BreachesFixture fixture = BreachesFixture.fresh(context);
        var now = fixture.clock.instant();
        ValidationException bad = assertThrows(ValidationException.class, () -> fixture.breaches.record(
                BreachDraft.builder().discoveredAt(now).awareAt(now.minusSeconds(60)).build(), BreachesFixture.DPO));
        assertEquals(List.of("awareAt", "nature"), bad.violations().stream().map(v -> v.field()).toList());

        Breach breach = fixture.breaches.record(fixture.draft(now).build(), BreachesFixture.DPO);
        BreachDraft changed = breach.details().toBuilder().measures("Laptop recovered by the police")
                .status(BreachStatus.CONTAINED).build();
        Breach updated = fixture.breaches.update(breach.id(), changed, BreachesFixture.DPO);
        assertEquals(BreachStatus.CONTAINED, updated.details().status());
        assertEquals("Laptop recovered by the police", fixture.breaches.get(breach.id(), BreachesFixture.DPO)
                .details().measures());

        AuditEntry update = fixture.audit("breach.update").get(0);
        assertEquals(List.of("measures", "status"), update.event().fields());
        for (AuditEntry entry : fixture.audit("breach.record")) {
            assertFalse(entry.event().details().contains("Zofia"));
        }
    }
}
