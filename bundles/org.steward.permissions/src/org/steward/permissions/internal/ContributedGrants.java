package org.steward.permissions.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.core.Actor;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Names;
import org.steward.permissions.Operation;

/**
 * The modules' contributions ({@link ModuleGrants}): what each installed module declares, and its defaults applied
 * once per database and default profile. Applied defaults are recorded ({@link ModuleDefaultsRecord}), so that an
 * administrator's later change is never overwritten and a module installed again grants nothing again.
 */
final class ContributedGrants {

    private final PermissionStore store;
    private final Supplier<Clock> clock;
    private final Logger logger;
    private final Map<String, Set<Operation>> declared = new ConcurrentHashMap<>();

    ContributedGrants(PermissionStore store, Supplier<Clock> clock, Logger logger) {
        this.store = store;
        this.clock = clock;
        this.logger = logger;
    }

    /** A module appeared: remember what it declares and apply the defaults not applied yet. */
    void added(ModuleGrants contribution) {
        String module;
        Set<Operation> operations;
        Map<String, ModuleGrant> defaults;
        try {
            module = Names.module("module", contribution.module());
            operations = contribution.operations() == null || contribution.operations().isEmpty()
                    ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(contribution.operations());
            defaults = contribution.defaults() == null ? Map.of() : new TreeMap<>(contribution.defaults());
        } catch (RuntimeException e) {
            logger.error("A module's grants were ignored: {}", e.getMessage());
            return;
        }
        declared.put(module, operations);
        try {
            apply(module, operations, defaults);
        } catch (RuntimeException e) {
            // the module still works; its defaults are applied when it is next seen (e.g. the next start)
            logger.error("The default grants of module {} could not be applied: {}", module, e.getMessage());
        }
    }

    void removed(ModuleGrants contribution) {
        try {
            declared.remove(contribution.module());
        } catch (RuntimeException e) {
            logger.warn("A module's grants could not be forgotten: {}", e.getMessage());
        }
    }

    Map<String, Set<Operation>> declared() {
        Map<String, Set<Operation>> copy = new TreeMap<>();
        declared.forEach((module, ops) -> copy.put(module, Set.copyOf(ops)));
        return copy;
    }

    private void apply(String module, Set<Operation> operations, Map<String, ModuleGrant> defaults) {
        List<String> pending = new ArrayList<>();
        for (var entry : defaults.entrySet()) {
            String profile = entry.getKey();
            ModuleGrant grant = entry.getValue();
            if (!DefaultProfiles.ALL.contains(profile)) {
                logger.warn("Module {} names '{}', which is not a default profile; ignored", module, profile);
            } else if (DefaultProfiles.ADMINISTRATOR.equals(profile)) {
                continue; // it grants everything everywhere already and cannot be changed
            } else if (grant == null || !grant.module().equals(module)) {
                logger.warn("Module {} gives profile '{}' a grant for another module; ignored", module, profile);
            } else if (!operations.containsAll(grant.operations())) {
                logger.warn("Module {} gives profile '{}' operations it does not declare; ignored", module, profile);
            } else if (!store.exists(ModuleDefaultsRecord.class, ModuleDefaultsRecord.id(module, profile))) {
                pending.add(profile);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        List<String> granted = new ArrayList<>();
        try {
            store.change(Actor.system(), "permissions.profile.defaults", PermissionStore.MODULE, "module", module,
                    em -> {
                        granted.clear();
                        for (String profile : pending) {
                            if (em.find(ModuleDefaultsRecord.class, ModuleDefaultsRecord.id(module, profile)) != null
                                    || em.find(ProfileRecord.class, profile) == null) {
                                continue;
                            }
                            // an entry an administrator made before the module appeared stays as it is
                            if (Profiles.ownEntry(em, profile, module).isEmpty()) {
                                ModuleGrant grant = defaults.get(profile);
                                em.persist(new ModuleGrantRecord(PermissionStore.keyId(profile, module), profile,
                                        grant));
                                granted.add(profile + ": " + Profiles.names(grant.operations()) + " ("
                                        + grant.scope() + ")");
                            }
                            em.persist(new ModuleDefaultsRecord(module, profile, clock.get().instant()));
                        }
                        return granted;
                    }, result -> result.isEmpty() ? null : "default grants of the module: " + String.join("; ", result));
        } catch (RuntimeException e) {
            if (pending.stream().allMatch(p -> store.exists(ModuleDefaultsRecord.class,
                    ModuleDefaultsRecord.id(module, p)))) {
                return; // another server on the database applied them at the same moment
            }
            throw e;
        }
        if (!granted.isEmpty()) {
            logger.info("Applied the default grants of module {} to {}", module, granted);
        }
    }
}
