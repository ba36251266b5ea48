package org.steward.tickets;

import java.util.List;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * A ticket to open. The requester is given by person id or by e-mail address; an unknown address creates a contact
 * with source "helpdesk".
 *
 * @param requesterEmail the requester's e-mail address, when {@code requester} is empty
 * @param requesterFirstName optional, used only when a new contact is created
 * @param requesterLastName optional, used only when a new contact is created
 * @param requester the requester's person id, when known
 * @param subject the subject line (stored encrypted: it may hold personal data)
 * @param text the first message, from the customer (stored encrypted)
 * @param priority empty: {@link TicketPriority#NORMAL}
 * @param team the team (a role of the permissions module) whose queue gets the ticket; empty: the configured default
 * @param assignee the user id of the agent; empty: unassigned (the team's queue)
 * @param form the web form and its ticked consents, for tickets from a form
 */
public record NewTicket(Optional<String> requesterEmail, Optional<String> requesterFirstName,
        Optional<String> requesterLastName, Optional<PersonId> requester, String subject, String text,
        TicketChannel channel, Optional<TicketPriority> priority, Optional<String> team, Optional<String> assignee,
        List<Attachment> attachments, Optional<TicketForm> form) {

    public NewTicket {
        requesterEmail = requesterEmail == null ? Optional.empty() : requesterEmail;
        requesterFirstName = requesterFirstName == null ? Optional.empty() : requesterFirstName;
        requesterLastName = requesterLastName == null ? Optional.empty() : requesterLastName;
        requester = requester == null ? Optional.empty() : requester;
        priority = priority == null ? Optional.empty() : priority;
        team = team == null ? Optional.empty() : team.map(String::strip).filter(t -> !t.isEmpty());
        assignee = assignee == null ? Optional.empty() : assignee.map(String::strip).filter(a -> !a.isEmpty());
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        form = form == null ? Optional.empty() : form;
    }

    /** A ticket from an e-mail: sender, subject and body. */
    public static NewTicket fromEmail(String senderEmail, String subject, String text) {
        return new NewTicket(Optional.of(senderEmail), Optional.empty(), Optional.empty(), Optional.empty(), subject,
                text, TicketChannel.EMAIL, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    /** A ticket for a known person. */
    public static NewTicket forPerson(PersonId person, String subject, String text, TicketChannel channel) {
        return new NewTicket(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(person), subject, text,
                channel, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    public NewTicket withPriority(TicketPriority value) {
        return new NewTicket(requesterEmail, requesterFirstName, requesterLastName, requester, subject, text, channel,
                Optional.of(value), team, assignee, attachments, form);
    }

    public NewTicket withTeam(String value) {
        return new NewTicket(requesterEmail, requesterFirstName, requesterLastName, requester, subject, text, channel,
                priority, Optional.ofNullable(value), assignee, attachments, form);
    }

    public NewTicket withAssignee(String value) {
        return new NewTicket(requesterEmail, requesterFirstName, requesterLastName, requester, subject, text, channel,
                priority, team, Optional.ofNullable(value), attachments, form);
    }

    public NewTicket withAttachments(List<Attachment> value) {
        return new NewTicket(requesterEmail, requesterFirstName, requesterLastName, requester, subject, text, channel,
                priority, team, assignee, value, form);
    }

    public NewTicket withForm(TicketForm value) {
        return new NewTicket(requesterEmail, requesterFirstName, requesterLastName, requester, subject, text, channel,
                priority, team, assignee, attachments, Optional.ofNullable(value));
    }

    public NewTicket withRequesterName(String firstName, String lastName) {
        return new NewTicket(requesterEmail, Optional.ofNullable(firstName), Optional.ofNullable(lastName), requester,
                subject, text, channel, priority, team, assignee, attachments, form);
    }
}
