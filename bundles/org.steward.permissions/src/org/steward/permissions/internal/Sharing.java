package org.steward.permissions.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.ValidationException;
import org.steward.permissions.Grantee;
import org.steward.permissions.Names;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;
import org.steward.permissions.SharingRule;

/** Record-level sharing rules: a record, or a module's records of an owner, shared with a user or a role. */
final class Sharing {

    private final PermissionStore store;
    private final Decisions decisions;

    Sharing(PermissionStore store, Decisions decisions) {
        this.store = store;
        this.decisions = decisions;
    }

    SharingRule share(Actor actor, SharingRule rule) {
        Objects.requireNonNull(rule, "rule");
        String id = PermissionStore.newId();
        SharingRule stored = new SharingRule(id, rule.module(), rule.type(), rule.recordId(), rule.ownerUserId(),
                rule.grantee(), rule.access());
        String details = "module=" + stored.module() + "; type=" + (stored.type().isEmpty() ? "*" : stored.type())
                + stored.recordId().map(r -> "; record=" + r).orElse("")
                + stored.ownerUserId().map(o -> "; owner=" + o).orElse("") + "; grantee=" + stored.grantee()
                + "; access=" + stored.access();
        decisions.requireAdministrator(actor);
        return store.change(actor, "permissions.sharing.add", "sharing-rule", id, details, em -> {
            if (stored.grantee().kind() == Grantee.Kind.ROLE) {
                Roles.existing(em, stored.grantee().id());
            }
            em.persist(new SharingRuleRecord(id, stored));
            return stored;
        });
    }

    void unshare(Actor actor, String ruleId) {
        if (ruleId == null || ruleId.isBlank()) {
            throw new ValidationException("ruleId", "is required");
        }
        String id = ruleId.trim();
        decisions.requireAdministrator(actor);
        store.change(actor, "permissions.sharing.remove", "sharing-rule", id, "", em -> {
            SharingRuleRecord rule = em.find(SharingRuleRecord.class, id);
            if (rule == null) {
                throw new NotFoundException("Sharing rule", id);
            }
            em.remove(rule);
            return null;
        });
    }

    int unshareRecord(Actor actor, String module, String type, String recordId) {
        RecordRef record = RecordRef.unowned(module, type, recordId);
        Decisions.actor(actor);
        // the module that deletes or erases the record may drop its rules; so may an administrator
        if (!decisions.decide(actor, Operation.DELETE, record.module(), Optional.empty()).allowed()
                && !decisions.decide(actor, Operation.ERASE, record.module(), Optional.empty()).allowed()) {
            decisions.requireAdministrator(actor);
        }
        return store.change(actor, "permissions.sharing.remove", record.module(), record.type(), record.id(),
                em -> em.createQuery("DELETE FROM SharingRuleRecord s WHERE s.module = :module AND "
                        + "s.recordType = :type AND s.recordId = :id").setParameter("module", record.module())
                        .setParameter("type", record.type()).setParameter("id", record.id()).executeUpdate(),
                removed -> removed > 0 ? removed + " sharing rules of the record removed" : null);
    }

    List<SharingRule> rules(String module) {
        String checked = Names.moduleOrAll("module", module);
        return store.model().sharingRules().stream()
                .filter(r -> Names.ALL.equals(checked) || r.module().equals(checked)).toList();
    }
}
