package org.steward.retention.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.ValidationException;
import org.steward.core.spi.RetentionCategory;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;

/** The console commands in the retention scope, called as Gogo calls them. */
class ConsoleTest {

    private final BundleContext context = Osgi.context(getClass());
    private RetentionFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Object command(String function, Class<?>[] types, Object... arguments) throws Throwable {
        return Consoles.invoke(context, "retention", function, types, arguments);
    }

    @Test
    void policiesSetPurgeAndRuns() throws Throwable {
        fixture = RetentionFixture.fresh(context);
        FakeModule contacts = fixture.module(new FakeModule("crm", fixture.clock,
                new RetentionCategory("leads-inactive", "Leads without activity", RetentionCategory.Action.RECYCLE,
                        24)));
        contacts.addDeleted("bin-1", fixture.clock.instant().minus(Duration.ofDays(70)));

        String policies = (String) command("policies", new Class<?>[0]);
        assertTrue(policies.contains("leads-inactive") && policies.contains("24"), policies);

        String set = (String) command("set", new Class<?>[] { String.class, String.class, String.class }, "crm",
                "leads-inactive", "12");
        assertEquals("Retention of crm/leads-inactive: 12 months", set);
        assertTrue(((String) command("policies", new Class<?>[0])).contains("12*"));
        ValidationException bad = assertThrows(ValidationException.class, () -> command("set",
                new Class<?>[] { String.class, String.class, String.class }, "crm", "leads-inactive", "many"));
        assertEquals("months", bad.field());

        String dry = (String) command("purge", new Class<?>[] { boolean.class }, true);
        assertTrue(dry.startsWith("Dry run ") && dry.contains("bin-1") && dry.contains("1 records would be affected"),
                dry);
        assertTrue(contacts.exists("bin-1"));

        String real = (String) command("purge", new Class<?>[] { boolean.class }, false);
        assertTrue(real.contains("COMPLETED") && real.contains("1 records affected"), real);
        assertTrue(!contacts.exists("bin-1"));

        String runs = (String) command("runs", new Class<?>[0]);
        assertTrue(runs.contains("console by console:"), runs);
        assertEquals(2, runs.lines().filter(l -> l.startsWith("Run ") || l.startsWith("Dry run ")).count(), runs);
    }
}
