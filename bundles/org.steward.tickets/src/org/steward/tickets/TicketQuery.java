package org.steward.tickets;

import java.util.Optional;

import org.steward.core.PersonId;

/**
 * A search among the tickets the actor may see; every given criterion must match.
 *
 * @param text words that must all appear (case-insensitive) in the subject or a message text
 * @param limit the most tickets returned, newest first (1..1000)
 */
public record TicketQuery(Optional<String> text, Optional<TicketStatus> status, Optional<String> assignee,
        Optional<PersonId> person, Optional<String> team, int limit) {

    public TicketQuery {
        text = text == null ? Optional.empty() : text.map(String::strip).filter(t -> !t.isEmpty());
        status = status == null ? Optional.empty() : status;
        assignee = assignee == null ? Optional.empty() : assignee;
        person = person == null ? Optional.empty() : person;
        team = team == null ? Optional.empty() : team;
        limit = limit <= 0 ? 100 : Math.min(limit, 1000);
    }

    public static TicketQuery all() {
        return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 100);
    }

    public TicketQuery text(String value) {
        return new TicketQuery(Optional.ofNullable(value), status, assignee, person, team, limit);
    }

    public TicketQuery status(TicketStatus value) {
        return new TicketQuery(text, Optional.ofNullable(value), assignee, person, team, limit);
    }

    public TicketQuery assignee(String value) {
        return new TicketQuery(text, status, Optional.ofNullable(value), person, team, limit);
    }

    public TicketQuery person(PersonId value) {
        return new TicketQuery(text, status, assignee, Optional.ofNullable(value), team, limit);
    }

    public TicketQuery team(String value) {
        return new TicketQuery(text, status, assignee, person, Optional.ofNullable(value), limit);
    }

    public TicketQuery limit(int value) {
        return new TicketQuery(text, status, assignee, person, team, value);
    }
}
