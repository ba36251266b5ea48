package org.steward.permissions;

import java.util.Optional;

/**
 * A role in the hierarchy that decides record visibility: users in a role reach the records owned by users in every
 * role below it. Roles also carry identity rules (MFA required, IP allow-lists), which the identity module applies to
 * a user's role and its ancestors ({@link PermissionAdministration#rolesOf(String)}).
 *
 * @param name the unique name, e.g. {@code Sales-Team}
 * @param parent the role directly above, empty for a top role
 * @param description what the role is for
 */
public record Role(String name, Optional<String> parent, String description) {

    public Role {
        parent = parent == null ? Optional.empty() : parent;
        description = description == null ? "" : description;
    }
}
