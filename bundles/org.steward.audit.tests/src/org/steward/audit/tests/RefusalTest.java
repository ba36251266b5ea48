package org.steward.audit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.audit.AuditVerification;
import org.steward.audit.Outcome;
import org.steward.audit.VerificationProgress;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.UnavailableException;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;

/** The one audited refusal path of {@link AuditLog}, and the clock the log takes its times from. */
class RefusalTest {

    private final BundleContext context = Osgi.context(RefusalTest.class);
    private AuditLog log;

    @BeforeEach
    void freshDatabase() throws Exception {
        log = AuditFixture.fresh(context, Map.of()).log;
    }

    @AfterAll
    static void defaults() throws Exception {
        AuditFixture.reset(Osgi.context(RefusalTest.class));
    }

    @Test
    void refusingARestrictedPersonAppendsADeniedEntryAndReturnsTheException() {
        Actor actor = AuditFixture.user("agent");
        PersonId anna = PersonId.random();
        ProcessingRestrictedException refusal = log.refuseRestricted(actor, "ticket.update", "tickets", "ticket",
                "t-42", anna);

        assertEquals(anna, refusal.person());
        assertTrue(refusal.getMessage().contains("ticket.update"), refusal.getMessage());
        AuditEvent recorded = log.latest().orElseThrow().event();
        assertEquals(Outcome.DENIED, recorded.outcome());
        assertEquals("ticket.update", recorded.action());
        assertEquals("tickets", recorded.targetModule());
        assertEquals("ticket", recorded.targetType());
        assertEquals("t-42", recorded.targetId());
        assertEquals(Optional.of(anna), recorded.person());
        assertEquals(actor.userId(), recorded.actor().userId());
        assertTrue(recorded.details().contains("Art. 18"), recorded.details());
    }

    @Test
    void aRefusedCreationHasNoRecordId() {
        PersonId ben = PersonId.random();
        log.refuseRestricted(AuditFixture.user("agent"), "ticket.create", "tickets", "ticket", null, ben);
        AuditEvent recorded = log.latest().orElseThrow().event();
        assertEquals("", recorded.targetId());
        assertEquals(Optional.of(ben), recorded.person());
        assertEquals(Outcome.DENIED, recorded.outcome());
    }

    @Test
    void refusingAccessAppendsADeniedEntryWithTheReasonAndReturnsTheException() {
        Actor actor = AuditFixture.user("clerk");
        PersonId carl = PersonId.random();
        AccessDeniedException denied = log.refuseAccess(actor, "contact.read", "contacts", "contact", "c-7", carl,
                "no permission contacts.read");

        assertEquals("contact.read", denied.operation());
        assertTrue(denied.getMessage().contains("no permission contacts.read"), denied.getMessage());
        AuditEvent recorded = log.latest().orElseThrow().event();
        assertEquals(Outcome.DENIED, recorded.outcome());
        assertEquals("contact.read", recorded.action());
        assertEquals("contacts", recorded.targetModule());
        assertEquals("contact", recorded.targetType());
        assertEquals("c-7", recorded.targetId());
        assertEquals(Optional.of(carl), recorded.person());
        assertEquals(actor.userId(), recorded.actor().userId());
        assertEquals("no permission contacts.read", recorded.details());

        log.refuseAccess(actor, "contact.search", "contacts", "contact", null, null, "no permission contacts.search");
        AuditEvent withoutPerson = log.latest().orElseThrow().event();
        assertEquals("contact.search", withoutPerson.action());
        assertEquals(Optional.empty(), withoutPerson.person());
        assertEquals(Outcome.DENIED, withoutPerson.outcome());
        List<AuditEntry> all = log.query(AuditQuery.all()).entries();
        assertEquals(2, all.size());
        assertTrue(all.stream().allMatch(e -> e.event().outcome() == Outcome.DENIED));
    }

    @Test
    void theRefusalStandsWhenTheLogCannotRecordIt() {
        PersonId dora = PersonId.random();
        for (RuntimeException failure : List.of(new UnavailableException("the audit log is stopping"),
                new IllegalStateException("the service was unregistered"))) {
            AuditLog failing = new FailingLog(failure);
            ProcessingRestrictedException refusal = failing.refuseRestricted(AuditFixture.user("agent"),
                    "ticket.update", "tickets", "ticket", "t-1", dora);
            assertEquals(dora, refusal.person());
            AccessDeniedException denied = failing.refuseAccess(AuditFixture.user("agent"), "ticket.read",
                    "tickets", "ticket", "t-1", dora, "no permission tickets.read");
            assertEquals("ticket.read", denied.operation());
        }
    }

    @Test
    void entriesTakeTheirTimeFromTheHighestRankedClock() {
        Instant simulated = Instant.parse("2031-05-06T07:08:09.123456Z");
        SimulatedClock clock = new SimulatedClock(simulated);
        Dictionary<String, Object> ranking = new Hashtable<>();
        ranking.put(Constants.SERVICE_RANKING, 1000);
        ServiceRegistration<Clock> registration = context.registerService(Clock.class, clock, ranking);
        try {
            AuditEntry entry = log.append(AuditFixture.event(1));
            assertEquals(simulated, entry.time(), "the registered clock outranks core's system clock at once");
            clock.advance(Duration.ofDays(3));
            assertEquals(simulated.plus(Duration.ofDays(3)), log.append(AuditFixture.event(2)).time());
        } finally {
            registration.unregister();
        }
        Instant now = log.append(AuditFixture.event(3)).time();
        assertTrue(Duration.between(now, Instant.now()).abs().toMinutes() < 1, "back to the system clock: " + now);
        assertTrue(log.verify().intact(), "the chain stays valid across the clocks");
    }

    /** A log whose appends fail, to see that the default refusal methods still refuse. */
    private record FailingLog(RuntimeException failure) implements AuditLog {

        @Override
        public AuditEntry append(AuditEvent event) {
            throw failure;
        }

        @Override
        public List<AuditEntry> appendAll(List<AuditEvent> events) {
            throw failure;
        }

        @Override
        public AuditPage query(AuditQuery query) {
            throw failure;
        }

        @Override
        public Optional<AuditEntry> latest() {
            throw failure;
        }

        @Override
        public AuditVerification verify(long fromSeq, long toSeq, VerificationProgress progress) {
            throw failure;
        }
    }
}
