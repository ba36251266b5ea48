package org.steward.retention.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ValidationException;
import org.steward.core.spi.RetentionCategory;
import org.steward.retention.PurgeReport;
import org.steward.retention.RetentionPolicy;
import org.steward.testing.Osgi;

/** Policies: the module's default applies until an administrator sets the months; the purge applies them. */
class PolicyTest {

    private final BundleContext context = Osgi.context(getClass());
    private RetentionFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The policy of the fake module's category (the real contacts module may take part too). */
    private RetentionPolicy policy() {
        return fixture.retention.policies(RetentionFixture.ADMIN).stream().filter(p -> p.module().equals("crm"))
                .findFirst().orElseThrow();
    }

    private java.time.Instant monthsAgo(int months) {
        return fixture.clock.instant().atZone(ZoneOffset.UTC).minus(Period.ofMonths(months)).toInstant();
    }

    @Test
    void configuredMonthsOverrideTheDefaultAndAreApplied() throws Exception {
        fixture = RetentionFixture.fresh(context);
        FakeModule contacts = fixture.module(new FakeModule("crm", fixture.clock,
                new RetentionCategory("leads-inactive", "Leads without activity", RetentionCategory.Action.RECYCLE,
                        24)));
        contacts.add("lead-7", "leads-inactive", monthsAgo(7));
        contacts.add("lead-5", "leads-inactive", monthsAgo(5));
        contacts.add("lead-25", "leads-inactive", monthsAgo(25));

        RetentionPolicy before = policy();
        assertEquals(24, before.effectiveMonths());
        assertEquals(OptionalInt.empty(), before.configuredMonths());

        PurgeReport byDefault = fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertEquals(List.of("lead-25"), byDefault.step("crm", "leads-inactive").orElseThrow().recordIds());

        RetentionPolicy set = fixture.retention.setMonths("crm", "leads-inactive", 6, RetentionFixture.ADMIN);
        assertEquals(6, set.effectiveMonths());
        assertEquals(6, policy().configuredMonths().getAsInt());

        fixture.clock.advance(Duration.ofMinutes(1));
        PurgeReport configured = fixture.retention.purge(false, RetentionFixture.ADMIN);
        var step = configured.step("crm", "leads-inactive").orElseThrow();
        assertEquals(List.of("lead-7"), step.recordIds(), "7 months old is due after 6, 5 months old is not");
        assertEquals(monthsAgo(6), step.cutoff());
        assertTrue(contacts.inRecycleBin("lead-7"));
        assertFalse(contacts.inRecycleBin("lead-5"));

        AuditLog log = RetentionFixture.instances(context, AuditLog.class).get(0);
        List<AuditEntry> changes = log.query(AuditQuery.builder().action("retention.policy.change").build())
                .entries();
        assertEquals(1, changes.size());
        assertEquals("crm/leads-inactive", changes.get(0).event().targetId());
        assertTrue(changes.get(0).event().details().contains("months 6, was default"));

        fixture.retention.useDefault("crm", "leads-inactive", RetentionFixture.ADMIN);
        assertEquals(24, policy().effectiveMonths());
    }

    @Test
    void zeroMonthsKeepsRecordsUntilDeleted() throws Exception {
        fixture = RetentionFixture.fresh(context);
        FakeModule tickets = fixture.module(new FakeModule("tickets", fixture.clock,
                new RetentionCategory("tickets-closed", "", RetentionCategory.Action.ANONYMISE, 36)));
        tickets.add("t-old", "tickets-closed", monthsAgo(120));
        fixture.retention.setMonths("tickets", "tickets-closed", 0, RetentionFixture.ADMIN);
        PurgeReport report = fixture.retention.purge(false, RetentionFixture.ADMIN);
        assertTrue(report.step("tickets", "tickets-closed").isEmpty(), "no step for a category kept forever");
        assertFalse(tickets.items.get("t-old").anonymised);
    }

    @Test
    void badChangesAreRefusedNamingTheField() throws Exception {
        fixture = RetentionFixture.fresh(context);
        fixture.module(new FakeModule("crm", fixture.clock,
                new RetentionCategory("leads-inactive", "", RetentionCategory.Action.RECYCLE, 24)));
        ValidationException module = assertThrows(ValidationException.class,
                () -> fixture.retention.setMonths("nosuch", "leads-inactive", 3, RetentionFixture.ADMIN));
        assertEquals("module", module.field());
        ValidationException category = assertThrows(ValidationException.class,
                () -> fixture.retention.setMonths("crm", "nosuch", 3, RetentionFixture.ADMIN));
        assertEquals("category", category.field());
        ValidationException months = assertThrows(ValidationException.class,
                () -> fixture.retention.setMonths("crm", "leads-inactive", -1, RetentionFixture.ADMIN));
        assertEquals("months", months.field());

        Actor stranger = new Actor("u-nobody", "nobody", Channel.CLIENT, java.util.Optional.of("192.0.2.7"),
                java.util.Optional.of("s-1"));
        assertThrows(AccessDeniedException.class,
                () -> fixture.retention.setMonths("crm", "leads-inactive", 3, stranger));
        assertThrows(AccessDeniedException.class, () -> fixture.retention.purge(false, stranger));
    }
}
