package org.steward.permissions.internal;

import java.util.List;

import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.ValidationException;
import org.steward.permissions.FieldAccess;
import org.steward.permissions.FieldRule;
import org.steward.permissions.Names;
import org.steward.permissions.Profile;

import jakarta.persistence.EntityManager;

/** Field-level access of profiles: explicit field rules and the access to sensitive fields without one. */
final class FieldRules {

    private final PermissionStore store;
    private final Decisions decisions;
    private final Profiles profiles;

    FieldRules(PermissionStore store, Decisions decisions, Profiles profiles) {
        this.store = store;
        this.decisions = decisions;
        this.profiles = profiles;
    }

    private static List<FieldRuleRecord> find(EntityManager em, String profile, FieldRule key) {
        return em.createQuery("SELECT f FROM FieldRuleRecord f WHERE f.profile = :profile AND f.module = :module "
                + "AND f.recordType = :type AND f.field = :field", FieldRuleRecord.class)
                .setParameter("profile", profile).setParameter("module", key.module())
                .setParameter("type", key.type()).setParameter("field", key.field()).getResultList();
    }

    Profile set(Actor actor, String profile, String module, String type, String field, FieldAccess access) {
        String checked = Names.roleOrProfile("profile", profile);
        if (access == null) {
            throw new ValidationException("access", "is required");
        }
        FieldRule rule = new FieldRule(module, type, field, access);
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.field.set", "profile", checked,
                "module=" + rule.module() + "; type=" + rule.type() + "; field=" + rule.field() + "; access=" + access,
                em -> {
                    Profiles.changeable(em, checked);
                    List<FieldRuleRecord> existing = find(em, checked, rule);
                    if (existing.isEmpty()) {
                        em.persist(new FieldRuleRecord(
                                PermissionStore.keyId(checked, rule.module(), rule.type(), rule.field()), checked,
                                rule));
                    } else {
                        existing.get(0).access(access);
                    }
                    return null;
                });
        return profiles.loaded(checked);
    }

    Profile clear(Actor actor, String profile, String module, String type, String field) {
        String checked = Names.roleOrProfile("profile", profile);
        FieldRule rule = new FieldRule(module, type, field, FieldAccess.HIDDEN);
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.field.clear", "profile", checked,
                "module=" + rule.module() + "; type=" + rule.type() + "; field=" + rule.field(), em -> {
                    Profiles.changeable(em, checked);
                    List<FieldRuleRecord> existing = find(em, checked, rule);
                    if (existing.isEmpty()) {
                        throw new NotFoundException("Field rule",
                                rule.module() + "/" + rule.type() + "/" + rule.field() + " of profile " + checked);
                    }
                    existing.forEach(em::remove);
                    return null;
                });
        return profiles.loaded(checked);
    }

    Profile setSensitive(Actor actor, String profile, FieldAccess access) {
        String checked = Names.roleOrProfile("profile", profile);
        if (access == null) {
            throw new ValidationException("access", "is required");
        }
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.profile.sensitive", "profile", checked, "sensitive fields=" + access, em -> {
            Profiles.changeable(em, checked).sensitiveAccess(access);
            return null;
        });
        return profiles.loaded(checked);
    }
}
