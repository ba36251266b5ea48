package org.steward.permissions.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.DataClassification;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Decision;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Names;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;
import org.steward.permissions.ReauthenticationRequiredException;
import org.steward.permissions.RecordRef;
import org.steward.permissions.RecordVisibility;

/**
 * The access decisions: operations per module, records and fields, from the store's model; every enforced refusal
 * is audited.
 */
final class Decisions {

    private final PermissionStore store;
    private final Supplier<Clock> clock;
    private final Duration reauthenticationWindow;
    private final boolean consoleIsAdministrator;

    Decisions(PermissionStore store, Supplier<Clock> clock, Duration reauthenticationWindow,
            boolean consoleIsAdministrator) {
        this.store = store;
        this.clock = clock;
        this.reauthenticationWindow = reauthenticationWindow;
        this.consoleIsAdministrator = consoleIsAdministrator;
    }

    private boolean privileged(Actor actor) {
        return actor.isSystem() || (consoleIsAdministrator && actor.channel() == Channel.CONSOLE);
    }

    static Actor actor(Actor actor) {
        if (actor == null) {
            throw new ValidationException("actor", "is required");
        }
        return actor;
    }

    /** Refuses (audited) an actor who may not administer permissions. */
    void requireAdministrator(Actor actor) {
        require(actor(actor), Operation.ADMINISTER, PermissionStore.MODULE, Optional.empty());
    }

    Decision decide(Actor actor, Operation operation, String module, Optional<RecordRef> record) {
        actor(actor);
        if (operation == null) {
            throw new ValidationException("operation", "is required");
        }
        String checkedModule = Names.module("module", module);
        Optional<RecordRef> checkedRecord = record == null ? Optional.empty() : record;
        if (checkedRecord.isPresent() && !checkedRecord.get().module().equals(checkedModule)) {
            throw new ValidationException("record", "belongs to module " + checkedRecord.get().module() + ", not "
                    + checkedModule);
        }
        if (privileged(actor)) {
            return Decision.allow(actor.isSystem() ? "system" : "server console");
        }
        return store.model().decide(actor, operation, checkedModule, checkedRecord);
    }

    void require(Actor actor, Operation operation, String module, Optional<RecordRef> record) {
        Decision decision = decide(actor, operation, module, record);
        if (decision.allowed()) {
            return;
        }
        AuditEvent.Builder event = AuditEvent.builder(actor, AccessDecisions.DENIED_ACTION).outcome(Outcome.DENIED)
                .details(operation + ": " + decision.reason());
        if (record != null && record.isPresent()) {
            event.target(record.get().module(), record.get().type(), record.get().id());
        } else {
            event.target(module.trim(), "module");
        }
        store.appendQuietly(event);
        String what = operation.name().toLowerCase(Locale.ROOT) + " in " + module.trim();
        if (decision.reauthenticationRequired()) {
            throw new ReauthenticationRequiredException(what, decision.reason(), List.of());
        }
        throw new AccessDeniedException(what, decision.reason());
    }

    FieldAccessPlan fields(Actor actor, String module, String type, Map<String, DataClassification> catalogue,
            Purpose purpose) {
        actor(actor);
        String checkedModule = Names.module("module", module);
        String checkedType = Names.type("type", type);
        if (catalogue == null) {
            throw new ValidationException("catalogue", "is required");
        }
        if (purpose == null) {
            throw new ValidationException("purpose", "is required");
        }
        for (String field : catalogue.keySet()) {
            if (field == null || field.isBlank() || Names.ALL.equals(field)) {
                throw new ValidationException("catalogue", "has a field without a name");
            }
        }
        return store.model().fields(actor, checkedModule, checkedType, catalogue, purpose, privileged(actor),
                clock.get().instant(), reauthenticationWindow);
    }

    FieldAccessPlan requireFields(Actor actor, String module, String type, Map<String, DataClassification> catalogue,
            Purpose purpose, Collection<String> requested) {
        FieldAccessPlan plan = fields(actor, module, type, catalogue, purpose);
        if (requested == null) {
            throw new ValidationException("fields", "are required");
        }
        Set<String> refused = new TreeSet<>();
        Set<String> reauthenticate = new TreeSet<>();
        for (String field : requested) {
            if (!catalogue.containsKey(field)) {
                throw new ValidationException("fields", "'" + field + "' is not a field of " + plan.module() + "/"
                        + plan.type());
            }
            if (plan.needsReauthentication(field)) {
                reauthenticate.add(field);
            } else if (purpose == Purpose.EDIT ? !plan.canWrite(field) : !plan.canRead(field)) {
                refused.add(field);
            }
        }
        if (refused.isEmpty() && reauthenticate.isEmpty()) {
            return plan;
        }
        String what = purpose.name().toLowerCase(Locale.ROOT) + " of " + plan.module() + "/" + plan.type() + " fields";
        if (!refused.isEmpty()) {
            String reason = (purpose == Purpose.EDIT ? "not writable" : "hidden") + " for this user: "
                    + String.join(", ", refused);
            store.appendQuietly(AuditEvent.builder(actor, AccessDecisions.DENIED_ACTION).outcome(Outcome.DENIED)
                    .target(plan.module(), plan.type()).fields(List.copyOf(refused)).details(purpose + ": " + reason));
            throw new AccessDeniedException(what, reason);
        }
        String reason = "re-authentication required within " + reauthenticationWindow.toMinutes()
                + " minutes for sensitive fields: " + String.join(", ", reauthenticate);
        store.appendQuietly(AuditEvent.builder(actor, AccessDecisions.DENIED_ACTION).outcome(Outcome.DENIED)
                .target(plan.module(), plan.type()).fields(List.copyOf(reauthenticate))
                .details(purpose + ": " + reason));
        throw new ReauthenticationRequiredException(what, reason, List.copyOf(reauthenticate));
    }

    RecordVisibility visibility(Actor actor, String module, String type) {
        actor(actor);
        String checkedModule = Names.module("module", module);
        String checkedType = Names.type("type", type);
        if (privileged(actor)) {
            return RecordVisibility.all();
        }
        return store.model().visibility(actor, checkedModule, checkedType);
    }
}
