package org.steward.mail.internal;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.mail.OutgoingMail;

/** The audit entries of the outbox: what happened to a mail, by purpose and template, never its content. */
final class OutboxAudit {

    static final String MODULE = "mail";
    static final String TYPE = "mail";

    private final AuditLog audit;
    private final Logger logger;

    OutboxAudit(AuditLog audit, Logger logger) {
        this.audit = audit;
        this.logger = logger;
    }

    AuditLog log() {
        return audit;
    }

    static String details(OutgoingMail mail) {
        return "purpose " + mail.purpose() + (mail.template().isEmpty() ? "" : ", template " + mail.template());
    }

    /** After the fact: a failure to write the entry is logged, the mail's state stands. */
    void of(Actor actor, String action, MailRecord row, Outcome outcome, String details) {
        try {
            AuditEvent.Builder event = AuditEvent.builder(actor, action).target(MODULE, TYPE, row.id)
                    .outcome(outcome).details(("purpose " + row.purpose + (row.template == null ? ""
                            : ", template " + row.template) + (details.isEmpty() ? "" : "; " + details)));
            if (row.personId != null) {
                event.person(PersonId.parse(row.personId));
            }
            audit.append(event.build());
        } catch (RuntimeException e) {
            logger.error("The audit entry {} of mail {} could not be written: {}", action, row.id, e.toString());
        }
    }
}
