package org.steward.permissions.internal;

import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.identity.RoleMembership;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.Role;

/**
 * Tells the identity module which roles a user holds (their role and every role above it), so that MFA requirements
 * and IP allow-lists per role follow the role hierarchy kept here. Only active when the identity module is installed.
 */
@Component(service = RoleMembership.class)
public final class IdentityRoleMembership implements RoleMembership {

    private final PermissionAdministration administration;

    @Activate
    public IdentityRoleMembership(@Reference PermissionAdministration administration) {
        this.administration = administration;
    }

    @Override
    public Set<String> rolesOf(String userId) {
        return administration.rolesOf(userId).stream().map(Role::name).collect(Collectors.toUnmodifiableSet());
    }
}
