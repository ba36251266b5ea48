package org.steward.rights.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.core.AccessDeniedException;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.rights.Deadlines;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestState;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;

/** Art. 12(3): one month from receipt, month-end aware; one extension of at most two months, told to the person. */
class DeadlineTest {

    private final BundleContext context = Osgi.context(DeadlineTest.class);
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2025-02-10T09:00:00Z"));
    private ServiceRegistration<Clock> clockRegistration;
    private RequestRegister register;

    @BeforeEach
    void simulatedTime() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 1000);
        clockRegistration = context.registerService(Clock.class, clock, properties);
        register = Osgi.service(context, RequestRegister.class);
    }

    @AfterEach
    void realTime() {
        clockRegistration.unregister();
    }

    @Test
    void oneMonthFromReceiptEndsOnTheLastDayOfAShorterMonth() {
        assertEquals(LocalDate.of(2025, 2, 28), Deadlines.due(LocalDate.of(2025, 1, 31)));
        assertEquals(LocalDate.of(2024, 2, 29), Deadlines.due(LocalDate.of(2024, 1, 31)), "leap year");
        assertEquals(LocalDate.of(2024, 2, 29), Deadlines.due(LocalDate.of(2024, 1, 29)));
        assertEquals(LocalDate.of(2025, 3, 15), Deadlines.due(LocalDate.of(2025, 2, 15)));
        assertEquals(LocalDate.of(2026, 1, 31), Deadlines.due(LocalDate.of(2025, 12, 31)), "across the year");
        assertEquals(LocalDate.of(2025, 4, 30), Deadlines.extended(LocalDate.of(2025, 1, 31), 2),
                "counted from receipt, not from the shortened first limit");
        assertEquals(LocalDate.of(2025, 3, 31), Deadlines.extended(LocalDate.of(2025, 1, 31), 1));

        RightsRequest request = register.register(RequestType.ACCESS, PersonId.random(), LocalDate.of(2025, 1, 31),
                "e-mail", Fixture.officer());
        assertEquals(LocalDate.of(2025, 2, 28), request.due());
        assertEquals(RequestState.RECEIVED, request.state());

        clock.set(Instant.parse("2024-02-20T12:00:00Z"));
        RightsRequest leap = register.register(RequestType.ERASURE, PersonId.random(), LocalDate.of(2024, 1, 31),
                "letter", Fixture.officer());
        assertEquals(LocalDate.of(2024, 2, 29), leap.due());

        RightsRequest today = register.register(RequestType.OBJECTION, PersonId.random(), null, "portal",
                Fixture.officer());
        assertEquals(LocalDate.of(2024, 2, 20), today.received(), "no date means today, by the module's clock");
        assertEquals(LocalDate.of(2024, 3, 20), today.due());

        ValidationException future = assertThrows(ValidationException.class, () -> register.register(
                RequestType.ACCESS, PersonId.random(), LocalDate.of(2024, 2, 21), "e-mail", Fixture.officer()));
        assertEquals("received", future.field());
    }

    @Test
    void anExtensionNeedsAReasonIsAtMostTwoMonthsOnceAndRecordsTheNotice() {
        PersonId person = PersonId.random();
        RightsRequest request = register.register(RequestType.ACCESS, person, LocalDate.of(2025, 1, 31), "e-mail",
                Fixture.officer());
        RequestId id = request.id();

        assertEquals("months", assertThrows(ValidationException.class,
                () -> register.extend(id, 3, "many archives to search", Fixture.officer())).field());
        assertEquals("months", assertThrows(ValidationException.class,
                () -> register.extend(id, 0, "many archives to search", Fixture.officer())).field());
        assertEquals("reason", assertThrows(ValidationException.class,
                () -> register.extend(id, 2, "  ", Fixture.officer())).field());
        assertEquals(LocalDate.of(2025, 2, 28), register.get(id, Fixture.officer()).due(), "nothing changed");

        clock.set(Instant.parse("2025-02-20T08:30:00Z"));
        RightsRequest extended = register.extend(id, 2, "many archives to search", Fixture.officer());
        assertEquals(LocalDate.of(2025, 4, 30), extended.due());
        assertEquals(2, extended.extensionMonths());
        assertEquals("many archives to search", extended.extensionReason());
        assertEquals(Instant.parse("2025-02-20T08:30:00Z"), extended.noticeAt().orElseThrow(),
                "the notice to the person is recorded when the extension is decided");
        assertTrue(extended.noticeVia().equals("manual") || extended.noticeVia().startsWith("mail:"),
                extended.noticeVia());

        assertThrows(ConflictException.class, () -> register.extend(id, 1, "still more", Fixture.officer()),
                "one extension of two months in all");

        RightsRequest late = register.register(RequestType.ACCESS, person, LocalDate.of(2025, 1, 10), "e-mail",
                Fixture.officer());
        assertThrows(ConflictException.class, () -> register.extend(late.id(), 1, "too late", Fixture.officer()),
                "the first month ended on 10 February: the person must be told within it");

        List<AuditEntry> audit = Osgi.service(context, AuditLog.class).query(AuditQuery.builder()
                .target("rights", "request", id.value()).oldestFirst().build()).entries();
        assertEquals(List.of("rights.request.register", "rights.request.extend"),
                audit.stream().map(e -> e.event().action()).toList());
        assertFalse(audit.get(1).event().details().contains("archives"), "the reason stays out of the audit log");
    }

    @Test
    void overdueRequestsAreListedUntilTheyAreClosedAndEveryTransitionIsAudited() {
        clock.set(Instant.parse("2025-03-01T10:00:00Z"));
        RightsRequest open = register.register(RequestType.ACCESS, PersonId.random(), LocalDate.of(2025, 1, 31),
                "e-mail", Fixture.officer());
        RightsRequest closed = register.register(RequestType.RECTIFICATION, PersonId.random(),
                LocalDate.of(2025, 1, 31), "e-mail", Fixture.officer());
        RightsRequest notYet = register.register(RequestType.RESTRICTION, PersonId.random(),
                LocalDate.of(2025, 2, 1), "e-mail", Fixture.officer());

        register.transition(closed.id(), RequestState.VERIFYING, Fixture.officer());
        register.transition(closed.id(), RequestState.IN_PROGRESS, Fixture.officer());
        register.transition(closed.id(), RequestState.DONE, Fixture.officer());
        assertThrows(ConflictException.class,
                () -> register.transition(closed.id(), RequestState.IN_PROGRESS, Fixture.officer()));

        List<RequestId> overdue = register.list(true, Fixture.officer()).stream().map(RightsRequest::id).toList();
        assertTrue(overdue.contains(open.id()), "due 28 February, open on 1 March");
        assertFalse(overdue.contains(closed.id()), "done");
        assertFalse(overdue.contains(notYet.id()), "due 1 March: not overdue on that day");

        RightsRequest refused = register.refuse(open.id(), "manifestly unfounded (Art. 12(5))", Fixture.officer());
        assertEquals(RequestState.REFUSED, refused.state());
        assertEquals("manifestly unfounded (Art. 12(5))", refused.refusalReason());
        assertFalse(register.list(true, Fixture.officer()).stream().anyMatch(r -> r.id().equals(open.id())));

        List<String> details = Osgi.service(context, AuditLog.class).query(AuditQuery.builder()
                .target("rights", "request", closed.id().value()).oldestFirst().build()).entries().stream()
                .map(e -> e.event().details()).toList();
        assertEquals(4, details.size(), details.toString());
        assertEquals("RECEIVED -> VERIFYING", details.get(1));
        assertEquals("IN_PROGRESS -> DONE", details.get(3));
    }

    @Test
    void aUserWithoutPermissionCannotRegisterOrRead() {
        assertThrows(AccessDeniedException.class, () -> register.register(RequestType.ACCESS, PersonId.random(),
                null, "e-mail", Fixture.nobody()));
        assertThrows(AccessDeniedException.class, () -> register.list(false, Fixture.nobody()));
    }
}
