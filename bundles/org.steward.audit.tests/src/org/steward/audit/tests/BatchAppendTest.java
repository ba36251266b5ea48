package org.steward.audit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.core.ValidationException;
import org.steward.testing.Osgi;

/** Many events in one call, as an import writes them: in order, chained, and all or nothing when one is invalid. */
class BatchAppendTest {

    private final BundleContext context = Osgi.context(BatchAppendTest.class);
    private AuditFixture fixture;

    @BeforeEach
    void freshDatabase() throws Exception {
        fixture = AuditFixture.fresh(context, Map.of());
    }

    @AfterAll
    static void defaults() throws Exception {
        AuditFixture.reset(Osgi.context(BatchAppendTest.class));
    }

    @Test
    void manyEventsAreRecordedInOrderAndTheChainHolds() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            events.add(AuditFixture.event(i));
        }
        List<AuditEntry> entries = fixture.log.appendAll(events);
        assertEquals(1234, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(i + 1, entries.get(i).seq(), "no other writer: sequence follows the list");
            assertEquals("c-" + i, entries.get(i).event().targetId());
        }
        assertEquals(1234, fixture.log.latest().orElseThrow().seq());
        assertTrue(fixture.log.verify().intact());
        assertEquals(List.of(), fixture.log.appendAll(List.of()));
    }

    @Test
    void oneInvalidEventRecordsNothingAndNamesItsPosition() {
        List<AuditEvent> events = new ArrayList<>();
        events.add(AuditFixture.event(0));
        // built with the record's constructor: the builder would refuse it already
        events.add(new AuditEvent(AuditFixture.user("u1"), "contact.read", "contacts", "contact", "c-1",
                Optional.empty(), List.of("name"), Outcome.SUCCESS, "x".repeat(AuditEvent.MAX_DETAILS + 1)));
        ValidationException error = assertThrows(ValidationException.class, () -> fixture.log.appendAll(events));
        assertEquals("events[1].details", error.field());
        assertTrue(fixture.log.latest().isEmpty(), "nothing was recorded");
    }
}
