package org.steward.identity;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Which roles a user holds. Implemented and registered by the module that owns roles (the permissions module); the
 * identity module uses it, when present, for MFA requirements and IP allow-lists per role. Without it, users have no
 * roles.
 */
@ConsumerType
@FunctionalInterface
public interface RoleMembership {

    /** The names of the roles the user holds, directly or inherited; empty when none or the user is unknown. */
    Set<String> rolesOf(String userId);
}
