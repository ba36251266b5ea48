package org.steward.permissions.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Decision;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.FieldAccess;
import org.steward.permissions.Grantee;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.Profile;
import org.steward.permissions.Purpose;
import org.steward.permissions.RecordRef;
import org.steward.permissions.Role;
import org.steward.permissions.ShareAccess;
import org.steward.permissions.SharingRule;
import org.steward.testing.Osgi;

/** Deny by default, auditing of refusals and changes, cache invalidation, persistence across a restart, the console. */
class AdministrationTest {

    private static final RecordRef OWN = new RecordRef("contacts", "contact", "c-1", "ada");
    private static final RecordRef SUBORDINATES = new RecordRef("contacts", "contact", "c-2", "sam");
    private static final RecordRef PEERS = new RecordRef("contacts", "contact", "c-3", "pia");

    private final BundleContext context = Osgi.context(AdministrationTest.class);
    private PermissionsFixture fixture;
    private final Actor admin = PermissionsFixture.actor("root-admin");
    private final Actor ada = PermissionsFixture.actor("ada");

    @BeforeEach
    void freshDatabase() throws Exception {
        fixture = PermissionsFixture.fresh(context);
        fixture.organisation();
        fixture.user("root-admin", "Director", DefaultProfiles.ADMINISTRATOR);
        fixture.user("ada", "Manager", DefaultProfiles.SALES);
        fixture.user("sam", "Staff", DefaultProfiles.SALES);
        fixture.user("pia", "Manager", DefaultProfiles.SALES);
    }

    @AfterEach
    void defaults() throws Exception {
        fixture.close();
    }

    private AccessDecisions decisions() {
        return fixture.decisions;
    }

    private PermissionAdministration administration() {
        return fixture.administration;
    }

    @Test
    void aUserWithoutAssignmentMayDoNothing() {
        Actor nobody = PermissionsFixture.actor("nobody");
        for (Operation operation : Operation.values()) {
            Decision decision = decisions().decide(nobody, operation, "contacts", Optional.empty());
            assertFalse(decision.allowed(), operation + ": " + decision);
            assertTrue(decision.reason().contains("no profile"), decision.reason());
        }
        assertFalse(decisions().decide(nobody, Operation.READ,
                new RecordRef("contacts", "contact", "c-9", "nobody")).allowed(), "not even their own record");
        assertTrue(decisions().visibility(nobody, "contacts", "contact").nothing());
        assertEquals(PermissionsFixture.CONTACT_FIELDS.keySet(), decisions().fields(nobody, "contacts", "contact",
                PermissionsFixture.CONTACT_FIELDS, Purpose.VIEW).hidden());
        assertThrows(AccessDeniedException.class,
                () -> decisions().require(nobody, Operation.READ, "contacts", Optional.empty()));

        // a role alone gives nothing either; taking the profile away takes everything away
        administration().assignRole(Actor.system(), "roleonly", "Manager");
        assertFalse(decisions().decide(PermissionsFixture.actor("roleonly"), Operation.READ, "contacts",
                Optional.empty()).allowed());
        assertTrue(decisions().decide(ada, Operation.READ, OWN).allowed());
        administration().unassignProfile(admin, "ada");
        assertFalse(decisions().decide(ada, Operation.READ, OWN).allowed());
        assertEquals(Optional.of("Manager"), administration().assignment("ada").orElseThrow().role());
    }

    @Test
    void refusalsAndEveryAdministrationChangeAreAudited() {
        // a refusal: Sales may not export a peer's record
        AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                () -> decisions().require(ada, Operation.EXPORT, PEERS));
        assertEquals("access-denied", denied.code());
        List<AuditEntry> refusals = fixture.audited(AccessDecisions.DENIED_ACTION, "ada");
        assertEquals(1, refusals.size());
        var event = refusals.get(0).event();
        assertEquals(Outcome.DENIED, event.outcome());
        assertEquals("contacts", event.targetModule());
        assertEquals("contact", event.targetType());
        assertEquals("c-3", event.targetId());
        assertTrue(event.details().startsWith("EXPORT"), event.details());
        assertEquals(Optional.of("192.0.2.7"), event.actor().sourceAddress(), "from where");
        // an allowed require leaves no refusal
        decisions().require(ada, Operation.EDIT, SUBORDINATES);
        assertEquals(1, fixture.audited(AccessDecisions.DENIED_ACTION, "ada").size());

        // a non-administrator cannot administer, and the attempt is audited
        assertThrows(AccessDeniedException.class,
                () -> administration().createRole(ada, "Rogue", Optional.empty(), ""));
        assertTrue(administration().role("Rogue").isEmpty());
        assertEquals("permissions", fixture.audited(AccessDecisions.DENIED_ACTION, "ada").get(1).event().targetModule());

        // every kind of change by the administrator
        administration().createRole(admin, "Interns", Optional.of("Staff"), "summer");
        administration().moveRole(admin, "Interns", Optional.of("Manager"));
        administration().createProfile(admin, "Sales lead", DefaultProfiles.SALES, "");
        administration().grant(admin, "Sales lead", "contacts", Set.of(Operation.DELETE));
        administration().revoke(admin, "Sales lead", "contacts", Set.of(Operation.EXPORT));
        administration().setFieldAccess(admin, "Sales lead", "contacts", "contact", "email", FieldAccess.READ_ONLY);
        administration().assignProfile(admin, "ada", "Sales lead");
        administration().assignRole(admin, "ada", "Director");
        SharingRule rule = administration().share(admin,
                SharingRule.forRecord(PEERS, Grantee.role("Staff"), ShareAccess.READ));
        administration().unshare(admin, rule.id());
        administration().deleteRole(admin, "Interns");
        for (String action : List.of("permissions.role.create", "permissions.role.move", "permissions.profile.create",
                "permissions.profile.grant", "permissions.profile.revoke", "permissions.field.set",
                "permissions.assignment.profile", "permissions.assignment.role", "permissions.sharing.add",
                "permissions.sharing.remove", "permissions.role.delete")) {
            List<AuditEntry> entries = fixture.audited(action, "root-admin");
            assertEquals(1, entries.size(), action);
            assertEquals("permissions", entries.get(0).event().targetModule(), action);
            assertEquals(Outcome.SUCCESS, entries.get(0).event().outcome(), action);
        }
        assertEquals("ada", fixture.audited("permissions.assignment.profile", "root-admin").get(0).event().targetId());
        assertEquals("profile=Sales lead",
                fixture.audited("permissions.assignment.profile", "root-admin").get(0).event().details());
        // the default profiles were created by Steward itself on first start
        assertEquals(DefaultProfiles.ALL.size(), fixture.audited("permissions.profile.create", "system").size());
    }

    @Test
    void invalidChangesAreRefusedWithAClearErrorAndChangeNothing() {
        assertThrows(ConflictException.class, () -> administration().createRole(admin, "Manager", Optional.empty(), ""));
        assertThrows(NotFoundException.class, () -> administration().createRole(admin, "X", Optional.of("Nope"), ""));
        ConflictException cycle = assertThrows(ConflictException.class,
                () -> administration().moveRole(admin, "Director", Optional.of("Staff")));
        assertTrue(cycle.getMessage().contains("subordinates"), cycle.getMessage());
        assertEquals(Optional.empty(), administration().role("Director").orElseThrow().parent());
        assertThrows(ConflictException.class, () -> administration().deleteRole(admin, "Manager"), "users and sub-roles");
        assertThrows(ConflictException.class, () -> administration().grant(admin, DefaultProfiles.ADMINISTRATOR,
                "contacts", Set.of(Operation.READ)), "the Administrator profile is protected");
        assertThrows(ConflictException.class, () -> administration().deleteProfile(admin, DefaultProfiles.SALES));
        ValidationException bad = assertThrows(ValidationException.class,
                () -> administration().grant(admin, DefaultProfiles.SALES, "Contacts!", Set.of(Operation.READ)));
        assertEquals("module", bad.field());
        assertThrows(NotFoundException.class, () -> administration().assignProfile(admin, "ada", "Nope"));
        assertEquals(List.of("Staff", "Manager", "Director"),
                administration().rolesOf("sam").stream().map(Role::name).toList());
    }

    @Test
    void decisionsFollowEveryChangeAtOnceAndSurviveARestart() throws Exception {
        assertFalse(decisions().decide(ada, Operation.DELETE, OWN).allowed());
        assertTrue(decisions().decide(ada, Operation.EDIT, SUBORDINATES).allowed());
        assertFalse(decisions().decide(ada, Operation.READ, PEERS).allowed());

        administration().createProfile(admin, "Sales lead", DefaultProfiles.SALES, "can delete");
        administration().grant(admin, "Sales lead", "contacts", EnumSet.of(Operation.DELETE, Operation.IMPORT));
        administration().assignProfile(admin, "ada", "Sales lead");
        assertTrue(decisions().decide(ada, Operation.DELETE, OWN).allowed(), "grant takes effect at once");
        administration().revoke(admin, "Sales lead", "contacts", Set.of(Operation.IMPORT));
        assertFalse(decisions().decide(ada, Operation.IMPORT, OWN).allowed(), "revoke takes effect at once");

        // the hierarchy: Staff moves away from Manager, so ada no longer reaches sam's records
        administration().moveRole(admin, "Staff", Optional.of("Elsewhere"));
        assertFalse(decisions().decide(ada, Operation.READ, SUBORDINATES).allowed());
        // ada becomes Director: pia (Manager) is now below her
        administration().assignRole(admin, "ada", "Director");
        assertTrue(decisions().decide(ada, Operation.READ, PEERS).allowed());
        // sharing with a user and taking it back
        RecordRef strangers = new RecordRef("contacts", "contact", "c-4", "sam");
        SharingRule rule = administration().share(admin,
                SharingRule.forRecord(strangers, Grantee.user("ada"), ShareAccess.READ_WRITE));
        assertTrue(decisions().decide(ada, Operation.EDIT, strangers).allowed());
        administration().unshare(admin, rule.id());
        assertFalse(decisions().decide(ada, Operation.READ, strangers).allowed());
        SharingRule kept = administration().share(admin,
                SharingRule.forRecord(strangers, Grantee.user("ada"), ShareAccess.READ));
        administration().setFieldAccess(admin, "Sales lead", "contacts", "contact", "birthDate", FieldAccess.READ_ONLY);

        // fast: answered from memory (a loose bound that a database round trip per decision would break)
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            decisions().decide(ada, Operation.READ, strangers);
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 10_000, "100,000 decisions in < 10 s");

        fixture.restart();
        assertTrue(decisions().decide(ada, Operation.DELETE, OWN).allowed());
        assertFalse(decisions().decide(ada, Operation.IMPORT, OWN).allowed());
        assertFalse(decisions().decide(ada, Operation.READ, SUBORDINATES).allowed());
        assertTrue(decisions().decide(ada, Operation.READ, PEERS).allowed());
        assertTrue(decisions().decide(ada, Operation.READ, strangers).allowed());
        assertFalse(decisions().decide(ada, Operation.EDIT, strangers).allowed(), "shared read only");
        assertTrue(decisions().fields(PermissionsFixture.actor("ada", Duration.ofMinutes(1)), "contacts", "contact",
                PermissionsFixture.CONTACT_FIELDS, Purpose.VIEW).canRead("birthDate"));
        Profile lead = administration().profile("Sales lead").orElseThrow();
        assertEquals(EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.EXPORT, Operation.DELETE),
                lead.modules().get("contacts").operations());
        assertEquals(List.of(kept), administration().sharingRules("contacts"));
        assertEquals(DefaultProfiles.ALL.size() + 1, administration().profiles().size(), "no second set of defaults");
        assertEquals(DefaultProfiles.ALL.size(), fixture.audited("permissions.profile.create", "system").size());
    }

    @Test
    void consoleGrantsAndRevokesRolesAndProfiles() throws Throwable {
        Object granted = fixture.command("grant", "anna", "profile:" + DefaultProfiles.SALES);
        assertTrue(granted.toString().contains("profile Sales"), granted.toString());
        fixture.command("grant", "anna", "role:Manager");
        assertEquals(Optional.of("Manager"), administration().assignment("anna").orElseThrow().role());
        assertTrue(decisions().decide(PermissionsFixture.actor("anna"), Operation.CREATE, "contacts", Optional.empty())
                .allowed());
        String console = "console:" + System.getProperty("user.name");
        assertEquals(2, fixture.audited("permissions.assignment.profile", console).size()
                + fixture.audited("permissions.assignment.role", console).size());

        String list = fixture.command("list").toString();
        assertTrue(list.contains("Director") && list.contains("    Staff") && list.contains("user anna"), list);
        String profiles = fixture.command("profiles").toString();
        assertTrue(profiles.contains("Privacy officer (default)") && profiles.contains("contacts: READ, CREATE, EDIT, EXPORT"),
                profiles);

        assertThrows(ValidationException.class, () -> fixture.command("revoke", "anna", "profile:Read-only"),
                "anna does not have that profile");
        assertThrows(ValidationException.class, () -> fixture.command("grant", "anna", "Sales"), "prefix required");
        assertThrows(NotFoundException.class, () -> fixture.command("grant", "anna", "profile:Nope"));
        fixture.command("revoke", "anna", "profile:Sales");
        assertFalse(decisions().decide(PermissionsFixture.actor("anna"), Operation.READ, "contacts", Optional.empty())
                .allowed());
        fixture.command("revoke", "anna", "role:Manager");
        assertTrue(administration().assignment("anna").isEmpty());
    }
}
