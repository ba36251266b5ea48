package org.steward.permissions.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.ValidationException;
import org.steward.permissions.Assignment;
import org.steward.permissions.Names;
import org.steward.permissions.Role;

import jakarta.persistence.EntityManager;

/** The role hierarchy: roles, their parents, and the roles a user holds through their assignment. */
final class Roles {

    private final PermissionStore store;
    private final Decisions decisions;

    Roles(PermissionStore store, Decisions decisions) {
        this.store = store;
        this.decisions = decisions;
    }

    private static Optional<String> optionalRole(String field, Optional<String> name) {
        return name == null ? Optional.empty()
                : name.filter(n -> !n.isBlank()).map(n -> Names.roleOrProfile(field, n));
    }

    static RoleRecord existing(EntityManager em, String name) {
        RoleRecord role = em.find(RoleRecord.class, name);
        if (role == null) {
            throw new NotFoundException("Role", name);
        }
        return role;
    }

    Role create(Actor actor, String name, Optional<String> parent, String description) {
        String checked = Names.roleOrProfile("name", name);
        Optional<String> checkedParent = optionalRole("parent", parent);
        String text = description == null ? "" : description.strip();
        if (text.length() > 500) {
            throw new ValidationException("description", "is longer than 500 characters");
        }
        decisions.requireAdministrator(actor);
        return store.change(actor, "permissions.role.create", "role", checked,
                checkedParent.map(p -> "parent=" + p).orElse("top role"), em -> {
                    if (em.find(RoleRecord.class, checked) != null) {
                        throw new ConflictException("A role named '" + checked + "' already exists");
                    }
                    checkedParent.ifPresent(p -> existing(em, p));
                    RoleRecord record = new RoleRecord(checked, checkedParent.orElse(null), text);
                    em.persist(record);
                    return record.toRole();
                });
    }

    Role move(Actor actor, String name, Optional<String> newParent) {
        String checked = Names.roleOrProfile("name", name);
        Optional<String> checkedParent = optionalRole("parent", newParent);
        decisions.requireAdministrator(actor);
        return store.change(actor, "permissions.role.move", "role", checked,
                checkedParent.map(p -> "parent=" + p).orElse("top role"), em -> {
                    RoleRecord role = existing(em, checked);
                    if (checkedParent.isPresent()) {
                        // walk up from the new parent: meeting the role itself would make a cycle
                        Set<String> seen = new TreeSet<>();
                        RoleRecord step = existing(em, checkedParent.get());
                        while (step != null && seen.add(step.name())) {
                            if (step.name().equals(checked)) {
                                throw new ConflictException("Role '" + checked + "' cannot move below '"
                                        + checkedParent.get() + "', which is itself or one of its subordinates");
                            }
                            Optional<String> up = step.toRole().parent();
                            step = up.map(u -> em.find(RoleRecord.class, u)).orElse(null);
                        }
                    }
                    role.parent(checkedParent.orElse(null));
                    return role.toRole();
                });
    }

    void delete(Actor actor, String name) {
        String checked = Names.roleOrProfile("name", name);
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.role.delete", "role", checked, "", em -> {
            RoleRecord role = existing(em, checked);
            long children = PermissionStore.count(em, "SELECT COUNT(r) FROM RoleRecord r WHERE r.parent = :name",
                    checked);
            long users = PermissionStore.count(em, "SELECT COUNT(a) FROM AssignmentRecord a WHERE a.role = :name",
                    checked);
            long rules = PermissionStore.count(em, "SELECT COUNT(s) FROM SharingRuleRecord s WHERE "
                    + "s.granteeKind = 'ROLE' AND s.granteeId = :name", checked);
            if (children + users + rules > 0) {
                throw new ConflictException("Role '" + checked + "' is still in use: " + children + " sub-roles, "
                        + users + " users, " + rules + " sharing rules");
            }
            em.remove(role);
            return null;
        });
    }

    List<Role> all() {
        Model current = store.model();
        List<Role> ordered = new ArrayList<>();
        Map<Optional<String>, List<Role>> byParent = current.roles().values().stream()
                .collect(Collectors.groupingBy(Role::parent));
        addTree(Optional.empty(), byParent, ordered);
        // roles whose parent is missing (a hand-edited table) still show
        current.roles().values().stream().filter(r -> !ordered.contains(r)).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    private static void addTree(Optional<String> parent, Map<Optional<String>, List<Role>> byParent,
            List<Role> into) {
        for (Role role : byParent.getOrDefault(parent, List.of()).stream().sorted(Comparator.comparing(Role::name))
                .toList()) {
            if (!into.contains(role)) {
                into.add(role);
                addTree(Optional.of(role.name()), byParent, into);
            }
        }
    }

    Optional<Role> role(String name) {
        return Optional.ofNullable(store.model().roles().get(name));
    }

    List<Role> of(String userId) {
        Model current = store.model();
        Assignment assignment = current.assignments().get(userId);
        if (assignment == null || assignment.role().isEmpty()) {
            return List.of();
        }
        return current.ancestry(assignment.role().get());
    }
}
