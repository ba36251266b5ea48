package org.steward.permissions.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.identity.NewUser;
import org.steward.identity.UserDirectory;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.Osgi;

/** User administration in the identity module is decided here: ADMINISTER on identity. */
class UserAdministrationTest {

    private final BundleContext context = Osgi.context(UserAdministrationTest.class);
    private PermissionsFixture fixture;
    private UserDirectory users;

    @BeforeEach
    void setUp() throws Exception {
        fixture = PermissionsFixture.fresh(context);
        users = Osgi.service(context, UserDirectory.class, u -> u.find("admin").isPresent());
        fixture.organisation();
        fixture.user("u-sales", "Staff", DefaultProfiles.SALES);
        fixture.user("u-admin", "Director", DefaultProfiles.ADMINISTRATOR);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void onlyActorsWithAdministerOnIdentityManageUsers() {
        String login = "new-" + UUID.randomUUID().toString().substring(0, 8);
        Actor sales = PermissionsFixture.actor("u-sales");
        assertThrows(AccessDeniedException.class, () -> users.create(sales, new NewUser(login, "New Person", login + "@example.org")));
        assertFalse(users.find(login).isPresent(), "nothing was created");
        assertTrue(fixture.audited("identity.user.create", "u-sales").size() >= 1, "the refusal is audited");

        users.create(PermissionsFixture.actor("u-admin"), new NewUser(login, "New Person", login + "@example.org"));
        assertTrue(users.find(login).isPresent());
        String id = users.find(login).orElseThrow().id();
        assertEquals(id, users.disable(Actor.console("operator"), id).id(), "the console administers too");
    }
}
