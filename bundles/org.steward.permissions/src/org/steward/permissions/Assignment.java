package org.steward.permissions;

import java.util.Optional;

/**
 * A user's place: one role (record visibility) and one profile (what they may do). A user without a profile may do
 * nothing (deny by default); a user without a role reaches only their own records and those shared with them.
 */
public record Assignment(String userId, Optional<String> role, Optional<String> profile) {

    public Assignment {
        role = role == null ? Optional.empty() : role;
        profile = profile == null ? Optional.empty() : profile;
    }
}
