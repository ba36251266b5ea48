package org.steward.rights.internal;

import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.rights.RequestRegister;

/** The audit entries of the rights module: every one names the person it is about, never a personal value. */
final class RightsAudit {

    private final AuditLog log;

    RightsAudit(AuditLog log) {
        this.log = log;
    }

    AuditEvent.Builder event(Actor actor, String action, String type, String id, PersonId person) {
        return AuditEvent.builder(actor, action).target(RequestRegister.MODULE, type, id).person(person);
    }

    void append(AuditEvent.Builder event) {
        log.append(event.build());
    }

    AuditLog log() {
        return log;
    }
}
