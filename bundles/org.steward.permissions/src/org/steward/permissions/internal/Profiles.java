package org.steward.permissions.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.log.Logger;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.ValidationException;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.FieldRule;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.Names;
import org.steward.permissions.Operation;
import org.steward.permissions.Profile;
import org.steward.permissions.RecordScope;

import jakarta.persistence.EntityManager;

/** Profiles: the default ones, copies, and the operations and record scope a profile grants per module. */
final class Profiles {

    private final PermissionStore store;
    private final Decisions decisions;
    private final Logger logger;

    Profiles(PermissionStore store, Decisions decisions, Logger logger) {
        this.store = store;
        this.decisions = decisions;
        this.logger = logger;
    }

    /** Creates the default profiles the database does not have yet. */
    void seedDefaults() {
        for (Profile seed : DefaultProfileSeeds.all()) {
            if (store.exists(ProfileRecord.class, seed.name())) {
                continue;
            }
            try {
                store.change(Actor.system(), "permissions.profile.create", "profile", seed.name(),
                        "built-in default profile", em -> {
                            persist(em, seed, true);
                            return null;
                        });
                logger.info("Created the default profile {}", seed.name());
            } catch (RuntimeException e) {
                if (!store.exists(ProfileRecord.class, seed.name())) { // another server may have created it
                    throw e;
                }
            }
        }
    }

    static void persist(EntityManager em, Profile profile, boolean builtIn) {
        em.persist(new ProfileRecord(profile.name(), profile.description(), builtIn, profile.sensitiveFields()));
        for (ModuleGrant grant : profile.modules().values()) {
            em.persist(new ModuleGrantRecord(PermissionStore.keyId(profile.name(), grant.module()), profile.name(),
                    grant));
        }
        for (FieldRule rule : profile.fieldRules()) {
            em.persist(new FieldRuleRecord(PermissionStore.keyId(profile.name(), rule.module(), rule.type(),
                    rule.field()), profile.name(), rule));
        }
    }

    static ProfileRecord existing(EntityManager em, String name) {
        ProfileRecord profile = em.find(ProfileRecord.class, name);
        if (profile == null) {
            throw new NotFoundException("Profile", name);
        }
        return profile;
    }

    static ProfileRecord changeable(EntityManager em, String name) {
        ProfileRecord profile = existing(em, name);
        if (DefaultProfiles.ADMINISTRATOR.equals(profile.name())) {
            throw new ConflictException("The Administrator profile cannot be changed, so that one profile can always "
                    + "repair the others; copy it to make a variant");
        }
        return profile;
    }

    Profile loaded(String name) {
        return store.loaded().profiles().get(name);
    }

    Profile create(Actor actor, String name, String copyOf, String description) {
        String checked = Names.roleOrProfile("name", name);
        String source = Names.roleOrProfile("copyOf", copyOf);
        String text = description == null ? "" : description.strip();
        if (text.length() > 500) {
            throw new ValidationException("description", "is longer than 500 characters");
        }
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.profile.create", "profile", checked, "copy of '" + source + "'", em -> {
            if (em.find(ProfileRecord.class, checked) != null) {
                throw new ConflictException("A profile named '" + checked + "' already exists");
            }
            existing(em, source);
            Profile original = store.loaded().profiles().get(source);
            if (original == null) {
                throw new NotFoundException("Profile", source);
            }
            persist(em, new Profile(checked, text, false, original.modules(), original.fieldRules(),
                    original.sensitiveFields()), false);
            return null;
        });
        return loaded(checked);
    }

    void delete(Actor actor, String name) {
        String checked = Names.roleOrProfile("name", name);
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.profile.delete", "profile", checked, "", em -> {
            ProfileRecord profile = existing(em, checked);
            if (profile.builtIn()) {
                throw new ConflictException("The default profile '" + checked + "' cannot be deleted");
            }
            long users = PermissionStore.count(em, "SELECT COUNT(a) FROM AssignmentRecord a WHERE a.profile = :name",
                    checked);
            if (users > 0) {
                throw new ConflictException("Profile '" + checked + "' is still assigned to " + users + " users");
            }
            em.createQuery("DELETE FROM ModuleGrantRecord g WHERE g.profile = :name").setParameter("name", checked)
                    .executeUpdate();
            em.createQuery("DELETE FROM FieldRuleRecord f WHERE f.profile = :name").setParameter("name", checked)
                    .executeUpdate();
            em.remove(profile);
            return null;
        });
    }

    List<Profile> all() {
        return List.copyOf(store.model().profiles().values());
    }

    Optional<Profile> profile(String name) {
        return Optional.ofNullable(store.model().profiles().get(name));
    }

    /** The profile's own entry for a module, if it has one. */
    static Optional<ModuleGrantRecord> ownEntry(EntityManager em, String profile, String module) {
        return em.createQuery("SELECT g FROM ModuleGrantRecord g WHERE g.profile = :profile AND g.module = :module",
                ModuleGrantRecord.class).setParameter("profile", profile).setParameter("module", module)
                .getResultList().stream().findFirst();
    }

    /** The profile's own entry for a module, created from the entry for every module when it has none. */
    private static ModuleGrantRecord moduleEntry(EntityManager em, String profile, String module) {
        Optional<ModuleGrantRecord> found = ownEntry(em, profile, module);
        if (found.isPresent()) {
            return found.get();
        }
        ModuleGrant base = new ModuleGrant(module, Set.of(), RecordScope.HIERARCHY);
        if (!Names.ALL.equals(module)) {
            Optional<ModuleGrantRecord> all = ownEntry(em, profile, Names.ALL);
            if (all.isPresent()) {
                ModuleGrant every = all.get().toGrant();
                base = new ModuleGrant(module, every.operations(), every.scope());
            }
        }
        ModuleGrantRecord created = new ModuleGrantRecord(PermissionStore.keyId(profile, module), profile, base);
        em.persist(created);
        return created;
    }

    private static Set<Operation> operations(Set<Operation> operations) {
        if (operations == null || operations.isEmpty() || operations.stream().anyMatch(Objects::isNull)) {
            throw new ValidationException("operations", "name at least one operation");
        }
        return EnumSet.copyOf(operations);
    }

    static String names(Set<Operation> operations) {
        return operations.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    Profile changeOperations(Actor actor, String profile, String module, Set<Operation> operations, boolean add) {
        String checked = Names.roleOrProfile("profile", profile);
        String checkedModule = Names.moduleOrAll("module", module);
        Set<Operation> ops = operations(operations);
        decisions.requireAdministrator(actor);
        store.change(actor, add ? "permissions.profile.grant" : "permissions.profile.revoke", "profile", checked,
                "module=" + checkedModule + "; operations=" + names(ops), em -> {
                    changeable(em, checked);
                    ModuleGrantRecord entry = moduleEntry(em, checked, checkedModule);
                    ModuleGrant current = entry.toGrant();
                    Set<Operation> next = current.operations().isEmpty() ? EnumSet.noneOf(Operation.class)
                            : EnumSet.copyOf(current.operations());
                    if (add) {
                        next.addAll(ops);
                    } else {
                        next.removeAll(ops);
                    }
                    entry.update(next, current.scope());
                    return null;
                });
        return loaded(checked);
    }

    Profile setRecordScope(Actor actor, String profile, String module, RecordScope scope) {
        String checked = Names.roleOrProfile("profile", profile);
        String checkedModule = Names.moduleOrAll("module", module);
        if (scope == null) {
            throw new ValidationException("scope", "is required");
        }
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.profile.scope", "profile", checked,
                "module=" + checkedModule + "; scope=" + scope, em -> {
                    changeable(em, checked);
                    ModuleGrantRecord entry = moduleEntry(em, checked, checkedModule);
                    entry.update(entry.toGrant().operations(), scope);
                    return null;
                });
        return loaded(checked);
    }
}
