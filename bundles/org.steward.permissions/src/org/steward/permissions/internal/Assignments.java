package org.steward.permissions.internal;

import java.util.List;
import java.util.Optional;

import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.permissions.Assignment;
import org.steward.permissions.Names;

import jakarta.persistence.EntityManager;

/** Which role and which profile each user has. */
final class Assignments {

    private final PermissionStore store;
    private final Decisions decisions;

    Assignments(PermissionStore store, Decisions decisions) {
        this.store = store;
        this.decisions = decisions;
    }

    private static AssignmentRecord of(EntityManager em, String user) {
        AssignmentRecord assignment = em.find(AssignmentRecord.class, user);
        if (assignment == null) {
            assignment = new AssignmentRecord(user);
            em.persist(assignment);
        }
        return assignment;
    }

    Assignment assignRole(Actor actor, String userId, String role) {
        String user = Names.userId("userId", userId);
        String checked = Names.roleOrProfile("role", role);
        decisions.requireAdministrator(actor);
        return store.change(actor, "permissions.assignment.role", "assignment", user, "role=" + checked, em -> {
            Roles.existing(em, checked);
            AssignmentRecord assignment = of(em, user);
            assignment.role(checked);
            return assignment.toAssignment();
        });
    }

    Assignment assignProfile(Actor actor, String userId, String profile) {
        String user = Names.userId("userId", userId);
        String checked = Names.roleOrProfile("profile", profile);
        decisions.requireAdministrator(actor);
        return store.change(actor, "permissions.assignment.profile", "assignment", user, "profile=" + checked, em -> {
            Profiles.existing(em, checked);
            AssignmentRecord assignment = of(em, user);
            assignment.profile(checked);
            return assignment.toAssignment();
        });
    }

    Assignment unassignRole(Actor actor, String userId) {
        String user = Names.userId("userId", userId);
        decisions.requireAdministrator(actor);
        return store.change(actor, "permissions.assignment.role", "assignment", user, "role removed",
                em -> unassign(em, user, true));
    }

    Assignment unassignProfile(Actor actor, String userId) {
        String user = Names.userId("userId", userId);
        decisions.requireAdministrator(actor);
        return store.change(actor, "permissions.assignment.profile", "assignment", user, "profile removed",
                em -> unassign(em, user, false));
    }

    private static Assignment unassign(EntityManager em, String user, boolean role) {
        AssignmentRecord assignment = em.find(AssignmentRecord.class, user);
        Assignment before = assignment == null ? null : assignment.toAssignment();
        if (before == null || (role ? before.role() : before.profile()).isEmpty()) {
            throw new NotFoundException(role ? "Role assignment of user" : "Profile assignment of user", user);
        }
        if (role) {
            assignment.role(null);
        } else {
            assignment.profile(null);
        }
        Assignment after = assignment.toAssignment();
        if (assignment.empty()) {
            em.remove(assignment);
        }
        return after;
    }

    Optional<Assignment> of(String userId) {
        return Optional.ofNullable(store.model().assignments().get(userId));
    }

    List<Assignment> all() {
        return List.copyOf(store.model().assignments().values());
    }
}
