package org.steward.tickets.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.permissions.PermissionAdministration;
import org.steward.tickets.Attachment;
import org.steward.tickets.TicketId;

/** Checks what a caller hands the helpdesk, before anything is stored, naming the field at fault. */
final class TicketInput {

    static final int MAX_SUBJECT = 500;
    static final int MAX_TEXT = 100_000;

    private final TicketsConfiguration config;
    private final PermissionAdministration administration;

    TicketInput(TicketsConfiguration config, PermissionAdministration administration) {
        this.config = config;
        this.administration = administration;
    }

    static Actor actor(Actor actor) {
        if (actor == null) {
            throw new ValidationException("actor", "is required");
        }
        return actor;
    }

    static TicketId id(TicketId id) {
        if (id == null) {
            throw new ValidationException("ticketId", "is required");
        }
        return id;
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (value.length() > max) {
            throw new ValidationException(field, "is longer than " + max + " characters");
        }
        return value;
    }

    List<Attachment> attachments(List<Attachment> attachments) {
        List<Attachment> list = attachments == null ? List.of() : attachments;
        if (list.size() > config.maxAttachmentsPerMessage()) {
            throw new ValidationException("attachments", "at most " + config.maxAttachmentsPerMessage()
                    + " attachments per message");
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                violations.add(new Violation("attachments[" + i + "]", "is empty"));
            } else if (list.get(i).size() > config.maxAttachmentBytes()) {
                violations.add(new Violation("attachments[" + i + "]", "has " + list.get(i).size()
                        + " bytes; at most " + config.maxAttachmentBytes() + " are accepted"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return list;
    }

    /** The requested team, else the configured default; it must be a role of the permissions module. */
    Optional<String> team(Optional<String> requested) {
        Optional<String> team = requested.isPresent() ? requested
                : Optional.ofNullable(config.defaultTeam()).map(String::strip).filter(t -> !t.isEmpty());
        if (team.isPresent() && administration.role(team.get()).isEmpty()) {
            throw new ValidationException("team", "is not a role of the permissions module");
        }
        return team;
    }
}
