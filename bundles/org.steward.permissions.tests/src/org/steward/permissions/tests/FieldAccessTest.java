package org.steward.permissions.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.FieldAccess;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Purpose;
import org.steward.permissions.ReauthenticationRequiredException;
import org.steward.testing.Osgi;

/**
 * Field-level access over a contact catalogue with one field of each classification: status (not personal), name and
 * email (personal), birthDate (sensitive), religion (special category). A fresh database per test.
 */
class FieldAccessTest {

    private final BundleContext context = Osgi.context(FieldAccessTest.class);
    private PermissionsFixture fixture;

    @BeforeEach
    void freshDatabase() throws Exception {
        fixture = PermissionsFixture.fresh(context);
        fixture.organisation();
        for (String profile : DefaultProfiles.ALL) {
            fixture.user(userOf(profile), "Manager", profile);
        }
    }

    @AfterEach
    void defaults() throws Exception {
        fixture.close();
    }

    private static String userOf(String profile) {
        return "f-" + profile.toLowerCase().replace(' ', '-');
    }

    private static Set<String> names(String cell) {
        return cell == null || cell.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(cell.trim().split("\\s+")));
    }

    /**
     * "fresh" = authenticated 1 minute ago, "stale" = 10 minutes ago (the default window is 5 minutes). Hidden is
     * asserted too: every catalogue field not in the other three columns.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # profile       | purpose | auth  | readable                          | writable                          | re-authentication
            Administrator   | VIEW    | fresh | birthDate email name religion status | birthDate email name religion status |
            Administrator   | EDIT    | fresh | birthDate email name religion status | birthDate email name religion status |
            Administrator   | EXPORT  | fresh | birthDate email name religion status |                                   |
            Administrator   | VIEW    | stale | email name status                 | email name status                 | birthDate religion
            Administrator   | EXPORT  | stale | email name status                 |                                   | birthDate religion
            Privacy officer | VIEW    | fresh | birthDate email name religion status |                                |
            Privacy officer | EDIT    | fresh | birthDate email name religion status |                                |
            Privacy officer | EXPORT  | fresh | birthDate email name religion status |                                |
            Privacy officer | VIEW    | stale | email name status                 |                                   | birthDate religion
            Privacy officer | EXPORT  | stale | email name status                 |                                   | birthDate religion
            Sales           | VIEW    | fresh | email name status                 | email name status                 |
            Sales           | EDIT    | fresh | email name status                 | email name status                 |
            Sales           | EXPORT  | fresh | email name status                 |                                   |
            Sales           | VIEW    | stale | email name status                 | email name status                 |
            Support agent   | VIEW    | fresh | email name status                 | email name status                 |
            Support agent   | EDIT    | fresh | email name status                 | email name status                 |
            Support agent   | EXPORT  | fresh |                                   |                                   |
            Read-only       | VIEW    | fresh | email name status                 |                                   |
            Read-only       | EDIT    | fresh | email name status                 |                                   |
            Read-only       | EXPORT  | fresh |                                   |                                   |
            Read-only       | VIEW    | stale | email name status                 |                                   |
            """)
    void maskingForEachDefaultProfile(String profile, Purpose purpose, String auth, String readable, String writable,
            String reauth) {
        Actor actor = PermissionsFixture.actor(userOf(profile),
                "fresh".equals(auth) ? Duration.ofMinutes(1) : Duration.ofMinutes(10));
        FieldAccessPlan plan = fixture.decisions.fields(actor, "contacts", "contact", PermissionsFixture.CONTACT_FIELDS,
                purpose);
        Set<String> hidden = new TreeSet<>(PermissionsFixture.CONTACT_FIELDS.keySet());
        hidden.removeAll(names(readable));
        hidden.removeAll(names(writable));
        hidden.removeAll(names(reauth));
        assertAll(profile + " " + purpose + " " + auth,
                () -> assertEquals(names(readable), plan.readable(), "readable"),
                () -> assertEquals(names(writable), plan.writable(), "writable"),
                () -> assertEquals(names(reauth), plan.reauthenticationRequired(), "re-authentication required"),
                () -> assertEquals(hidden, plan.hidden(), "hidden"));
        Map<String, Object> values = Map.of("status", "active", "name", "N", "email", "e", "birthDate", "b",
                "religion", "r");
        assertEquals(names(readable), plan.mask(values).keySet(), "mask keeps the readable values only");
    }

    @Test
    void revealingOrExportingASensitiveFieldNeedsARecentReauthentication() throws Exception {
        AccessDecisions decisions = fixture.decisions;
        String officer = userOf(DefaultProfiles.PRIVACY_OFFICER);
        Actor tenMinutesAgo = PermissionsFixture.actor(officer, Duration.ofMinutes(10));
        Actor oneMinuteAgo = PermissionsFixture.actor(officer, Duration.ofMinutes(1));
        Actor never = PermissionsFixture.actor(officer, null);

        for (Purpose purpose : List.of(Purpose.VIEW, Purpose.EXPORT)) {
            ReauthenticationRequiredException stale = assertThrows(ReauthenticationRequiredException.class,
                    () -> decisions.requireFields(tenMinutesAgo, "contacts", "contact",
                            PermissionsFixture.CONTACT_FIELDS, purpose, List.of("name", "birthDate")));
            assertEquals(List.of("birthDate"), stale.fields());
            assertEquals("reauthentication-required", stale.code());
            assertThrows(ReauthenticationRequiredException.class, () -> decisions.requireFields(never, "contacts",
                    "contact", PermissionsFixture.CONTACT_FIELDS, purpose, List.of("religion")));
            FieldAccessPlan plan = decisions.requireFields(oneMinuteAgo, "contacts", "contact",
                    PermissionsFixture.CONTACT_FIELDS, purpose, List.of("name", "birthDate", "religion"));
            assertTrue(plan.canRead("birthDate") && plan.canRead("religion"), purpose + ": " + plan);
            // non-sensitive fields never need it
            decisions.requireFields(never, "contacts", "contact", PermissionsFixture.CONTACT_FIELDS, purpose,
                    List.of("name", "email", "status"));
        }
        // each refusal was audited with the field names, never values
        List<AuditEntry> refusals = fixture.audited(AccessDecisions.DENIED_ACTION, officer);
        assertEquals(4, refusals.size(), refusals.toString());
        AuditEntry first = refusals.get(0);
        assertEquals(Outcome.DENIED, first.event().outcome());
        assertEquals(List.of("birthDate"), first.event().fields());
        assertTrue(first.event().details().contains("re-authentication required"), first.event().details());

        // the window is configurable: with 15 minutes, ten minutes ago is recent enough
        fixture.configure(Map.of("reauthenticationMinutes", 15));
        FieldAccessPlan longer = fixture.decisions.fields(tenMinutesAgo, "contacts", "contact",
                PermissionsFixture.CONTACT_FIELDS, Purpose.VIEW);
        assertTrue(longer.canRead("birthDate"), longer.toString());
        assertTrue(longer.reauthenticationRequired().isEmpty());
    }

    @Test
    void aNonPrivilegedProfileSeesASensitiveFieldOnlyWhenGrantedExplicitlyAndThenOnlyAfterReauthentication() {
        var admin = fixture.administration;
        Actor system = Actor.system();
        admin.createProfile(system, "Sales (birth dates)", DefaultProfiles.SALES, "sales who congratulate");
        admin.setFieldAccess(system, "Sales (birth dates)", "contacts", "contact", "birthDate", FieldAccess.READ_ONLY);
        // a rule for every field never reveals a sensitive one
        admin.setFieldAccess(system, "Sales (birth dates)", "contacts", "contact", "*", FieldAccess.READ_WRITE);
        admin.assignProfile(system, "congratulator", "Sales (birth dates)");

        FieldAccessPlan stale = fixture.decisions.fields(PermissionsFixture.actor("congratulator", Duration.ofMinutes(10)),
                "contacts", "contact", PermissionsFixture.CONTACT_FIELDS, Purpose.VIEW);
        assertEquals(Set.of("birthDate"), stale.reauthenticationRequired());
        assertEquals(Set.of("religion"), stale.hidden());

        Actor fresh = PermissionsFixture.actor("congratulator", Duration.ofMinutes(1));
        FieldAccessPlan plan = fixture.decisions.fields(fresh, "contacts", "contact", PermissionsFixture.CONTACT_FIELDS,
                Purpose.EDIT);
        assertTrue(plan.canRead("birthDate"));
        assertFalse(plan.canWrite("birthDate"), "granted read-only");
        assertFalse(plan.canRead("religion"), "special category stays hidden");
        AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                () -> fixture.decisions.requireFields(fresh, "contacts", "contact", PermissionsFixture.CONTACT_FIELDS,
                        Purpose.EDIT, List.of("birthDate")));
        assertFalse(refused instanceof ReauthenticationRequiredException, "read-only is a plain refusal");
        assertThrows(ValidationException.class, () -> fixture.decisions.requireFields(fresh, "contacts", "contact",
                PermissionsFixture.CONTACT_FIELDS, Purpose.VIEW, List.of("shoeSize")));

        // the system reads everything without re-authentication
        FieldAccessPlan system2 = fixture.decisions.fields(Actor.system(), "contacts", "contact",
                PermissionsFixture.CONTACT_FIELDS, Purpose.EXPORT);
        assertEquals(PermissionsFixture.CONTACT_FIELDS.keySet(), system2.readable());
    }
}
