package org.steward.permissions.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.BundleContext;
import org.steward.core.Actor;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Decision;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.Grantee;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;
import org.steward.permissions.RecordVisibility;
import org.steward.permissions.ShareAccess;
import org.steward.permissions.SharingRule;
import org.steward.testing.Osgi;

/**
 * Every default profile x every operation x every kind of record ownership or sharing, on records of
 * {@code contacts/contact}. Each actor is in role Manager (below Director, above Staff) with one default profile:
 *
 * <ul>
 * <li>own: owned by the actor
 * <li>subordinate: owned by a user in role Staff, below the actor's role
 * <li>peer: owned by another user in role Manager
 * <li>shared-role-read: owned by a stranger (role Elsewhere), shared READ with role Manager
 * <li>shared-user-rw: owned by a stranger, shared READ_WRITE with the actor
 * <li>owner-shared-above: every record of another stranger shared READ with Director and its subordinates
 * <li>unrelated: owned by a stranger, not shared
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private static final String CONTACTS = "contacts";
    private static final Map<String, String> ACTORS = Map.of(DefaultProfiles.ADMINISTRATOR, "m-admin",
            DefaultProfiles.PRIVACY_OFFICER, "m-privacy", DefaultProfiles.SALES, "m-sales",
            DefaultProfiles.SUPPORT_AGENT, "m-support", DefaultProfiles.READ_ONLY, "m-readonly");

    private final BundleContext context = Osgi.context(AccessMatrixTest.class);
    private PermissionsFixture fixture;
    private AccessDecisions decisions;

    @BeforeAll
    void organisation() throws Exception {
        fixture = PermissionsFixture.fresh(context);
        fixture.organisation();
        Actor system = Actor.system();
        ACTORS.forEach((profile, user) -> fixture.user(user, "Manager", profile));
        fixture.user("sub", "Staff", DefaultProfiles.SALES);
        fixture.user("peer", "Manager", DefaultProfiles.SALES);
        fixture.user("stranger", "Elsewhere", DefaultProfiles.SALES);
        fixture.user("stranger2", "Elsewhere", DefaultProfiles.SALES);
        var admin = fixture.administration;
        admin.share(system, SharingRule.forRecord(new RecordRef(CONTACTS, "contact", "c-shared-role", "stranger"),
                Grantee.role("Manager"), ShareAccess.READ));
        for (String user : ACTORS.values()) {
            admin.share(system, SharingRule.forRecord(
                    new RecordRef(CONTACTS, "contact", "c-shared-user-" + user, "stranger"), Grantee.user(user),
                    ShareAccess.READ_WRITE));
        }
        admin.share(system, SharingRule.forOwner(CONTACTS, "stranger2", Grantee.roleAndSubordinates("Director"),
                ShareAccess.READ));
        decisions = fixture.decisions;
    }

    @AfterAll
    void defaults() throws Exception {
        fixture.close();
    }

    private static RecordRef record(String kind, String user) {
        return switch (kind) {
        case "own" -> new RecordRef(CONTACTS, "contact", "c-own-" + user, user);
        case "subordinate" -> new RecordRef(CONTACTS, "contact", "c-sub", "sub");
        case "peer" -> new RecordRef(CONTACTS, "contact", "c-peer", "peer");
        case "shared-role-read" -> new RecordRef(CONTACTS, "contact", "c-shared-role", "stranger");
        case "shared-user-rw" -> new RecordRef(CONTACTS, "contact", "c-shared-user-" + user, "stranger");
        case "owner-shared-above" -> new RecordRef(CONTACTS, "contact", "c-owner-shared", "stranger2");
        case "unrelated" -> new RecordRef(CONTACTS, "contact", "c-unrelated", "stranger");
        default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # profile       | record             | READ | CREATE | EDIT | DELETE | IMPORT | EXPORT | ERASE | MANAGE_CONSENT | VIEW_AUDIT | ADMINISTER
            Administrator   | own                | Y    | Y      | Y    | Y      | Y      | Y      | Y     | Y              | Y          | Y
            Administrator   | subordinate        | Y    | Y      | Y    | Y      | Y      | Y      | Y     | Y              | Y          | Y
            Administrator   | peer               | Y    | Y      | Y    | Y      | Y      | Y      | Y     | Y              | Y          | Y
            Administrator   | shared-role-read   | Y    | Y      | Y    | Y      | Y      | Y      | Y     | Y              | Y          | Y
            Administrator   | shared-user-rw     | Y    | Y      | Y    | Y      | Y      | Y      | Y     | Y              | Y          | Y
            Administrator   | owner-shared-above | Y    | Y      | Y    | Y      | Y      | Y      | Y     | Y              | Y          | Y
            Administrator   | unrelated          | Y    | Y      | Y    | Y      | Y      | Y      | Y     | Y              | Y          | Y
            Privacy officer | own                | Y    | N      | N    | N      | N      | Y      | Y     | Y              | Y          | N
            Privacy officer | subordinate        | Y    | N      | N    | N      | N      | Y      | Y     | Y              | Y          | N
            Privacy officer | peer               | Y    | N      | N    | N      | N      | Y      | Y     | Y              | Y          | N
            Privacy officer | shared-role-read   | Y    | N      | N    | N      | N      | Y      | Y     | Y              | Y          | N
            Privacy officer | shared-user-rw     | Y    | N      | N    | N      | N      | Y      | Y     | Y              | Y          | N
            Privacy officer | owner-shared-above | Y    | N      | N    | N      | N      | Y      | Y     | Y              | Y          | N
            Privacy officer | unrelated          | Y    | N      | N    | N      | N      | Y      | Y     | Y              | Y          | N
            Sales           | own                | Y    | Y      | Y    | N      | N      | Y      | N     | N              | N          | N
            Sales           | subordinate        | Y    | Y      | Y    | N      | N      | Y      | N     | N              | N          | N
            Sales           | peer               | N    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Sales           | shared-role-read   | Y    | N      | N    | N      | N      | Y      | N     | N              | N          | N
            Sales           | shared-user-rw     | Y    | N      | Y    | N      | N      | Y      | N     | N              | N          | N
            Sales           | owner-shared-above | Y    | N      | N    | N      | N      | Y      | N     | N              | N          | N
            Sales           | unrelated          | N    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Support agent   | own                | Y    | N      | Y    | N      | N      | N      | N     | N              | N          | N
            Support agent   | subordinate        | Y    | N      | Y    | N      | N      | N      | N     | N              | N          | N
            Support agent   | peer               | N    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Support agent   | shared-role-read   | Y    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Support agent   | shared-user-rw     | Y    | N      | Y    | N      | N      | N      | N     | N              | N          | N
            Support agent   | owner-shared-above | Y    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Support agent   | unrelated          | N    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Read-only       | own                | Y    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Read-only       | subordinate        | Y    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Read-only       | peer               | N    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Read-only       | shared-role-read   | Y    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Read-only       | shared-user-rw     | Y    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Read-only       | owner-shared-above | Y    | N      | N    | N      | N      | N      | N     | N              | N          | N
            Read-only       | unrelated          | N    | N      | N    | N      | N      | N      | N     | N              | N          | N
            """)
    void everyCell(String profile, String kind, String read, String create, String edit, String delete, String imports,
            String export, String erase, String manageConsent, String viewAudit, String administer) {
        String user = ACTORS.get(profile);
        Actor actor = PermissionsFixture.actor(user);
        RecordRef record = record(kind, user);
        Map<Operation, String> expected = new LinkedHashMap<>();
        expected.put(Operation.READ, read);
        expected.put(Operation.CREATE, create);
        expected.put(Operation.EDIT, edit);
        expected.put(Operation.DELETE, delete);
        expected.put(Operation.IMPORT, imports);
        expected.put(Operation.EXPORT, export);
        expected.put(Operation.ERASE, erase);
        expected.put(Operation.MANAGE_CONSENT, manageConsent);
        expected.put(Operation.VIEW_AUDIT, viewAudit);
        expected.put(Operation.ADMINISTER, administer);
        assertEquals(Operation.values().length, expected.size(), "the table has a column for every operation");
        List<Executable> cells = new ArrayList<>();
        expected.forEach((operation, cell) -> cells.add(() -> {
            Decision decision = decisions.decide(actor, operation, record);
            assertEquals("Y".equals(cell), decision.allowed(),
                    profile + " x " + operation + " x " + kind + ": " + decision);
        }));
        // listing agrees with reading: the module's query filter shows exactly the readable records
        cells.add(() -> {
            RecordVisibility visible = decisions.visibility(actor, CONTACTS, "contact");
            assertEquals("Y".equals(read), visible.isVisible(record.id(), record.ownerUserId().orElse(null)),
                    profile + " lists " + kind + ": " + visible);
        });
        assertAll(profile + " on " + kind, cells);
    }

    @Test
    void withoutARecordOnlyTheProfileCountsAndOtherModulesAreDenied() {
        Actor sales = PermissionsFixture.actor(ACTORS.get(DefaultProfiles.SALES));
        assertTrue(decisions.decide(sales, Operation.EXPORT, CONTACTS, Optional.empty()).allowed(),
                "bulk export allowed; the module filters with visibility()");
        assertFalse(decisions.decide(sales, Operation.READ, "tickets", Optional.empty()).allowed());
        assertFalse(decisions.decide(sales, Operation.READ, "audit", Optional.empty()).allowed());
        Actor support = PermissionsFixture.actor(ACTORS.get(DefaultProfiles.SUPPORT_AGENT));
        assertTrue(decisions.decide(support, Operation.CREATE, "tickets", Optional.empty()).allowed());
        assertFalse(decisions.decide(support, Operation.CREATE, CONTACTS, Optional.empty()).allowed());
        assertFalse(decisions.decide(support, Operation.EXPORT, CONTACTS, Optional.empty()).allowed());
        Actor privacy = PermissionsFixture.actor(ACTORS.get(DefaultProfiles.PRIVACY_OFFICER));
        assertTrue(decisions.decide(privacy, Operation.CREATE, "rights", Optional.empty()).allowed(),
                "the privacy officer keeps the request register");
        assertTrue(decisions.decide(privacy, Operation.VIEW_AUDIT, "audit", Optional.empty()).allowed());
        assertFalse(decisions.decide(privacy, Operation.ADMINISTER, "permissions", Optional.empty()).allowed());
        assertTrue(decisions.decide(Actor.system(), Operation.ERASE, CONTACTS,
                Optional.of(record("unrelated", "x"))).allowed(), "Steward itself may do everything");
    }

    @Test
    void visibilityListsOwnersAndSharedRecordsForTheModuleToFilterOn() {
        RecordVisibility sales = decisions.visibility(PermissionsFixture.actor("m-sales"), CONTACTS, "contact");
        assertFalse(sales.allRecords());
        assertEquals(java.util.Set.of("m-sales", "sub", "stranger2"), sales.ownerUserIds(),
                "own, the Staff role's user, and the owner whose records are shared with Director and below");
        assertEquals(java.util.Set.of("c-shared-role", "c-shared-user-m-sales"), sales.sharedRecordIds());
        assertTrue(decisions.visibility(PermissionsFixture.actor("m-privacy"), CONTACTS, "contact").allRecords());
        assertTrue(decisions.visibility(PermissionsFixture.actor("m-sales"), "tickets", "ticket").nothing());
        // a sharing rule of another type does not leak into this one
        assertTrue(decisions.visibility(PermissionsFixture.actor("m-sales"), CONTACTS, "company").sharedRecordIds()
                .isEmpty());
    }
}
