package org.steward.permissions.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.Actor;
import org.steward.identity.RoleMembership;
import org.steward.testing.Osgi;

/** The identity module learns a user's roles, inherited ones included, from the role hierarchy kept here. */
class RoleMembershipTest {

    private final BundleContext context = Osgi.context(RoleMembershipTest.class);
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

    @Test
    void rolesIncludeEveryRoleAboveTheUsersAndFollowReassignment() {
        RoleMembership membership = Osgi.service(context, RoleMembership.class);
        fixture.user("u-staff", "Staff", "Sales");
        assertEquals(Set.of("Staff", "Manager", "Director"), membership.rolesOf("u-staff"));
        fixture.administration.assignRole(Actor.system(), "u-staff", "Elsewhere");
        assertEquals(Set.of("Elsewhere"), membership.rolesOf("u-staff"));
        assertEquals(Set.of(), membership.rolesOf("nobody"));
    }
}
