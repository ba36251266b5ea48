package org.steward.tickets.internal;

import java.time.Instant;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.Actor;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketMessage;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.TicketThread;
import org.steward.tickets.Tickets;

/**
 * Console commands of the tickets module, in the {@code tickets} scope. They act as the operating-system user that runs
 * the server; the service checks and audits them like any other call. {@code tickets:new} is served by {@code _new}
 * (Gogo prefixes Java keywords with an underscore).
 */
@Component(service = TicketsCommands.class, property = { "osgi.command.scope=tickets", "osgi.command.function=list",
        "osgi.command.function=show", "osgi.command.function=new", "osgi.command.function=reply",
        "osgi.command.function=close" })
public final class TicketsCommands {

    private static final String NL = System.lineSeparator();

    private final Tickets tickets;

    @Activate
    public TicketsCommands(@Reference Tickets tickets) {
        this.tickets = tickets;
    }

    static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    @Descriptor("Lists the newest tickets (status, priority, team, assignee, due times; ! marks a breached due time)")
    public String list(@Descriptor("only this status: new, open, pending, solved, closed")
    @Parameter(names = "--status", absentValue = "") String status,
            @Descriptor("at most this many tickets") @Parameter(names = "--limit", absentValue = "50") int limit) {
        TicketQuery query = TicketQuery.all().limit(limit);
        if (!status.isBlank()) {
            query = query.status(TicketStatus.parse("status", status));
        }
        List<Ticket> found = tickets.search(query, console());
        if (found.isEmpty()) {
            return "No tickets.";
        }
        StringBuilder out = new StringBuilder();
        for (Ticket t : found) {
            out.append(line(t)).append(NL);
        }
        return out.append(found.size()).append(" tickets").toString();
    }

    private static String line(Ticket t) {
        return t.id() + "  " + t.status() + "  " + t.priority() + "  team " + t.team().orElse("-") + "  assignee "
                + t.assignee().orElse("-") + "  first response due " + t.firstResponseDue()
                + (t.firstResponseBreached() ? "!" : "") + "  resolution due " + t.resolutionDue()
                + (t.resolutionBreached() ? "!" : "") + (t.restricted() ? "  RESTRICTED" : "")
                + (t.anonymised() ? "  anonymised" : "") + "  " + t.subject().orElse("");
    }

    @Descriptor("Shows a ticket with its whole thread, internal notes included")
    public String show(@Descriptor("the ticket id") String id) {
        TicketThread thread = tickets.get(TicketId.parse(id), console());
        StringBuilder out = new StringBuilder(line(thread.ticket())).append(NL);
        Ticket t = thread.ticket();
        out.append("  requester ").append(t.requester().map(Object::toString).orElse("-")).append("  channel ")
                .append(t.channel()).append("  created ").append(t.createdAt()).append("  first response ")
                .append(t.firstResponseAt().map(Instant::toString).orElse("-")).append("  resolved ")
                .append(t.resolvedAt().map(Instant::toString).orElse("-")).append(NL);
        for (TicketMessage m : thread.messages()) {
            out.append("--- ").append(m.kind()).append(m.author().map(a -> " by " + a).orElse("")).append(" at ")
                    .append(m.createdAt());
            if (!m.attachments().isEmpty()) {
                out.append(" (").append(m.attachments().size()).append(" attachments)");
            }
            out.append(NL).append(m.text().orElse("(hidden)")).append(NL);
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("Opens a ticket from an e-mail address (an unknown address creates a contact with source helpdesk). "
            + "Quote the subject and the text when they have spaces.")
    public String _new(@Descriptor("the requester's e-mail address") String email,
            @Descriptor("the subject") String subject, @Descriptor("the first message") String text) {
        Ticket ticket = tickets.open(NewTicket.fromEmail(email, subject, text), console());
        return "Opened ticket " + ticket.id() + " (first response due " + ticket.firstResponseDue() + ")";
    }

    @Descriptor("Answers a ticket (mailed to the requester), or adds an internal note with --internal")
    public String reply(@Descriptor("an internal note, never shown to the customer")
    @Parameter(names = "--internal", presentValue = "true", absentValue = "false") boolean internal,
            @Descriptor("the ticket id") String id, @Descriptor("the text (quote it)") String text) {
        TicketMessage message = tickets.reply(TicketId.parse(id), text, List.of(), internal, console());
        return (internal ? "Internal note " : "Answer ") + message.id() + " added to ticket " + id.trim();
    }

    @Descriptor("Closes a ticket")
    public String close(@Descriptor("the ticket id") String id) {
        Ticket ticket = tickets.changeStatus(TicketId.parse(id), TicketStatus.CLOSED, console());
        return "Closed ticket " + ticket.id();
    }
}
