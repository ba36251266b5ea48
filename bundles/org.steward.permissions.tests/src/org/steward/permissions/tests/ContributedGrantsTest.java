package org.steward.permissions.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.core.Actor;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;
import org.steward.permissions.Profile;
import org.steward.permissions.RecordScope;
import org.steward.testing.Osgi;

/** Modules contribute their operations and the default profiles' grants in them; administrators own them after. */
class ContributedGrantsTest {

    private final BundleContext context = Osgi.context(ContributedGrantsTest.class);
    private PermissionsFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = PermissionsFixture.fresh(context);
        fixture.organisation();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    /** A module "gadgets": sales read and edit, read-only users read. */
    private static ModuleGrants gadgets(String module) {
        return ShippedModuleGrants.of(module, EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT,
                Operation.EXPORT), Map.of(DefaultProfiles.SALES, EnumSet.of(Operation.READ, Operation.EDIT),
                        DefaultProfiles.READ_ONLY, EnumSet.of(Operation.READ)), RecordScope.HIERARCHY);
    }

    private Set<Operation> granted(String profile, String module) {
        Profile p = fixture.administration.profile(profile).orElseThrow();
        ModuleGrant own = p.modules().get(module);
        return own == null ? Set.of() : own.operations();
    }

    private boolean salesMay(Operation operation, String module) {
        return fixture.decisions.decide(PermissionsFixture.actor("s-user"), operation, module, Optional.empty())
                .allowed();
    }

    @Test
    void aModulesGrantsAppearWhenItsServiceRegisters() {
        fixture.user("s-user", "Staff", DefaultProfiles.SALES);
        assertFalse(salesMay(Operation.READ, "gadgets"), "nothing before the module is there");
        ServiceRegistration<ModuleGrants> registration = context.registerService(ModuleGrants.class,
                gadgets("gadgets"), null);
        try {
            assertEquals(EnumSet.of(Operation.READ, Operation.EDIT), granted(DefaultProfiles.SALES, "gadgets"));
            assertEquals(EnumSet.of(Operation.READ), granted(DefaultProfiles.READ_ONLY, "gadgets"));
            assertEquals(Set.of(), granted(DefaultProfiles.SUPPORT_AGENT, "gadgets"), "a profile left out gets nothing");
            assertTrue(salesMay(Operation.EDIT, "gadgets"));
            assertFalse(salesMay(Operation.EXPORT, "gadgets"));
            assertEquals(EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.EXPORT),
                    fixture.administration.moduleOperations().get("gadgets"));
            assertEquals(1, fixture.audited("permissions.profile.defaults", Actor.system().userId()).stream()
                    .filter(e -> e.event().targetId().equals("gadgets")).count(), "applying the defaults is audited");
        } finally {
            registration.unregister();
        }
        assertFalse(fixture.administration.moduleOperations().containsKey("gadgets"), "a removed module drops out");
    }

    @Test
    void anAdministratorsChangeSurvivesAndIsNotUndoneWhenTheModuleReturns() throws Exception {
        fixture.user("s-user", "Staff", DefaultProfiles.SALES);
        Actor admin = Actor.system();
        ServiceRegistration<ModuleGrants> registration = context.registerService(ModuleGrants.class,
                gadgets("widgets"), null);
        fixture.administration.revoke(admin, DefaultProfiles.SALES, "widgets", Set.of(Operation.EDIT));
        fixture.administration.revoke(admin, DefaultProfiles.READ_ONLY, "widgets", Set.of(Operation.READ));
        fixture.administration.grant(admin, DefaultProfiles.SALES, "widgets", Set.of(Operation.EXPORT));
        registration.unregister();

        registration = context.registerService(ModuleGrants.class, gadgets("widgets"), null);
        try {
            assertEquals(EnumSet.of(Operation.READ, Operation.EXPORT), granted(DefaultProfiles.SALES, "widgets"),
                    "the administrator's change stands; what was removed is not granted again");
            assertEquals(Set.of(), granted(DefaultProfiles.READ_ONLY, "widgets"));
            assertFalse(salesMay(Operation.EDIT, "widgets"));

            fixture.restart();
            assertEquals(EnumSet.of(Operation.READ, Operation.EXPORT), granted(DefaultProfiles.SALES, "widgets"),
                    "nor after a restart of the permissions module");
            assertEquals(1, fixture.audited("permissions.profile.defaults", Actor.system().userId()).stream()
                    .filter(e -> e.event().targetId().equals("widgets")).count(), "applied once");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void anEntryMadeBeforeTheModuleAppearedIsKept() {
        Actor admin = Actor.system();
        fixture.administration.grant(admin, DefaultProfiles.SALES, "sprockets", Set.of(Operation.READ));
        ServiceRegistration<ModuleGrants> registration = context.registerService(ModuleGrants.class,
                gadgets("sprockets"), null);
        try {
            assertEquals(EnumSet.of(Operation.READ), granted(DefaultProfiles.SALES, "sprockets"));
            assertEquals(EnumSet.of(Operation.READ), granted(DefaultProfiles.READ_ONLY, "sprockets"),
                    "the other profiles get their defaults");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void defaultsOutsideTheContractAreIgnored() {
        Map<String, Set<Operation>> defaults = Map.of(
                "Night shift", EnumSet.of(Operation.READ), // not a default profile
                DefaultProfiles.SUPPORT_AGENT, EnumSet.of(Operation.DELETE), // not declared by the module
                DefaultProfiles.ADMINISTRATOR, EnumSet.of(Operation.READ), // already everything; cannot change
                DefaultProfiles.READ_ONLY, EnumSet.of(Operation.READ));
        ServiceRegistration<ModuleGrants> registration = context.registerService(ModuleGrants.class,
                ShippedModuleGrants.of("cogs", EnumSet.of(Operation.READ), defaults, RecordScope.HIERARCHY), null);
        try {
            assertEquals(EnumSet.of(Operation.READ), granted(DefaultProfiles.READ_ONLY, "cogs"));
            assertEquals(Set.of(), granted(DefaultProfiles.SUPPORT_AGENT, "cogs"));
            assertTrue(fixture.administration.profile("Night shift").isEmpty());
            Profile administrator = fixture.administration.profile(DefaultProfiles.ADMINISTRATOR).orElseThrow();
            assertFalse(administrator.modules().containsKey("cogs"));
            assertTrue(administrator.grants("cogs", Operation.ADMINISTER), "still everything everywhere");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void theDefaultProfilesNameNoModuleOfTheirOwn() throws Exception {
        // a database where no module contributed: only the grants for every module
        for (Profile profile : fixture.administration.profiles()) {
            if (profile.builtIn()) {
                assertTrue(profile.modules().keySet().stream().allMatch(m -> m.equals("*")
                        || Set.of("contacts", "tickets", "consent", "rights", "breaches").contains(m)),
                        profile.name() + " has only contributed modules: " + profile.modules().keySet());
            }
        }
        assertEquals(Set.of("contacts", "tickets", "consent", "rights", "breaches"),
                fixture.administration.moduleOperations().keySet(), "the shipped modules of this run");
    }
}
