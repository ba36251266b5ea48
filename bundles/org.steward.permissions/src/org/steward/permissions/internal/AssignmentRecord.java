package org.steward.permissions.internal;

import java.util.Optional;

import org.steward.permissions.Assignment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code PERM_ASSIGNMENT}: a user's role and profile, by the user id the identity module issued. */
@Entity
@Table(name = "PERM_ASSIGNMENT")
public class AssignmentRecord {

    @Id
    @Column(name = "USER_ID", length = 200)
    private String userId;

    @Column(name = "ROLE_NAME", length = 64)
    private String role;

    @Column(name = "PROFILE_NAME", length = 64)
    private String profile;

    protected AssignmentRecord() {
    }

    AssignmentRecord(String userId) {
        this.userId = userId;
    }

    void role(String value) {
        this.role = value;
    }

    void profile(String value) {
        this.profile = value;
    }

    boolean empty() {
        return role == null && profile == null;
    }

    Assignment toAssignment() {
        return new Assignment(userId, Optional.ofNullable(role), Optional.ofNullable(profile));
    }
}
