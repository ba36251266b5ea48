package org.steward.tickets.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward tickets", description = "Helpdesk tickets: service levels, erasure and "
        + "retention policy, attachment limits, search. See docs/TICKETS.md.")
public @interface TicketsConfiguration {

    String PID = "org.steward.tickets";

    @AttributeDefinition(name = "Service levels", description = "Per priority, the time to the first response and to "
            + "the resolution, as 'priority=first/resolution' with units m, h, d (e.g. 'urgent=1h/4h'). A priority "
            + "without an entry, or with a malformed one (logged), keeps its default.")
    String[] serviceLevels() default { "urgent=1h/4h", "high=4h/1d", "normal=8h/3d", "low=1d/7d" };

    @AttributeDefinition(name = "Erasure", description = "What erasure of a person does with their tickets: "
            + "'anonymise' keeps each ticket row for statistics (status, priority, channel, team, times) with every "
            + "personal trace removed (subject, messages, attachments, requester); 'delete' removes the tickets.")
    String erasure() default "anonymise";

    @AttributeDefinition(name = "Closed tickets: retention (months)", min = "0", description = "Closed tickets older "
            + "than this (by closing time) are handled by the retention run as 'Closed tickets: action' says. 0 keeps "
            + "them until deleted. The retention module may configure its own period; this is the default.")
    int closedRetentionMonths() default 24;

    @AttributeDefinition(name = "Closed tickets: action", description = "'anonymise' (keep for statistics without "
            + "personal traces) or 'recycle' (move to the recycle bin, purged after the recycle-bin period).")
    String closedAction() default "anonymise";

    @AttributeDefinition(name = "Largest attachment (bytes)", min = "1", description = "Attachments larger than this "
            + "are refused with a validation error naming the attachment.")
    int maxAttachmentBytes() default 5 * 1024 * 1024;

    @AttributeDefinition(name = "Most attachments per message", min = "0", description = "More are refused.")
    int maxAttachmentsPerMessage() default 10;

    @AttributeDefinition(name = "Text search: tickets decrypted at most", min = "10", max = "100000",
            description = "A text search decrypts subjects and messages in memory; it looks at the newest tickets "
                    + "matching the other criteria, at most this many, and says so when it stopped there.")
    int searchScanLimit() default 2000;

    @AttributeDefinition(name = "Default team", description = "The team (a role of the permissions module) whose queue "
            + "gets a ticket opened without one; empty: no team (only the assignee, sharing and profiles that see "
            + "every ticket reach it).")
    String defaultTeam() default "";

    @AttributeDefinition(name = "Mail agent answers", description = "Send agents' answers to the requester through the "
            + "mail outbox (template 'ticket-reply', purpose 'service') when the mail module runs.")
    boolean mailReplies() default true;
}
