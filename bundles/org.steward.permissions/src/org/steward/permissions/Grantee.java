package org.steward.permissions;

import java.util.Objects;

/**
 * Who a sharing rule shares with: one user, the users of one role, or the users of a role and of every role below
 * it.
 */
public record Grantee(Kind kind, String id, boolean includeSubordinates) {

    public enum Kind {
        USER, ROLE
    }

    public Grantee {
        Objects.requireNonNull(kind, "kind");
        id = kind == Kind.USER ? Names.userId("grantee", id) : Names.roleOrProfile("grantee", id);
        if (kind == Kind.USER && includeSubordinates) {
            throw new org.steward.core.ValidationException("grantee", "a user has no subordinates; share with a role");
        }
    }

    public static Grantee user(String userId) {
        return new Grantee(Kind.USER, userId, false);
    }

    public static Grantee role(String role) {
        return new Grantee(Kind.ROLE, role, false);
    }

    public static Grantee roleAndSubordinates(String role) {
        return new Grantee(Kind.ROLE, role, true);
    }

    @Override
    public String toString() {
        return kind == Kind.USER ? "user:" + id : "role:" + id + (includeSubordinates ? " and subordinates" : "");
    }
}
