package org.steward.breaches.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.breaches.Breach;
import org.steward.breaches.BreachDraft;
import org.steward.breaches.BreachId;
import org.steward.breaches.Breaches;
import org.steward.breaches.PersonNotice;
import org.steward.breaches.RiskLevel;
import org.steward.core.Actor;
import org.steward.core.ValidationException;

/**
 * Console commands of the breach register, in the {@code breaches} scope; they act as the server console. Gogo calls
 * {@code _new} for {@code breaches:new} ({@code new} is a Java keyword); {@code breaches:notify-authority} is an alias
 * served by the server's hyphenated-command whiteboard.
 */
@Component(service = BreachesCommands.class, property = { "osgi.command.scope=breaches",
        "osgi.command.function=list", "osgi.command.function=new", "osgi.command.function=show",
        "osgi.command.function=notifyAuthority", "osgi.command.function=ropa", "osgi.command.function=status",
        "steward.command.alias=notify-authority=notifyAuthority" })
public final class BreachesCommands {

    private static final String NL = System.lineSeparator();
    private static final String ABSENT = "";

    private final Breaches breaches;

    /** The register's clock: OVERDUE and the default awareness time agree with the 72-hour clock it keeps. */
    @Reference(policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public BreachesCommands(@Reference Breaches breaches) {
        this.breaches = breaches;
    }

    private static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    @Descriptor("Lists the breaches, newest awareness first; --overdue only those whose authority notification is "
            + "more than 72 hours late")
    public String list(@Descriptor("only overdue breaches") @Parameter(names = "--overdue", absentValue = "false",
            presentValue = "true") boolean overdue) {
        List<Breach> found = overdue ? breaches.overdue(console()) : breaches.list(console());
        if (found.isEmpty()) {
            return overdue ? "No breach is overdue." : "The breach register is empty.";
        }
        Instant now = clock.instant();
        return String.format("%-36s  %-20s  %-9s  %-9s  %-20s  %s", "ID", "AWARE", "RISK", "STATUS", "DUE",
                "AUTHORITY") + NL + found.stream().map(b -> String.format("%-36s  %-20s  %-9s  %-9s  %-20s  %s",
                        b.id(), b.details().awareAt(), b.details().risk(), b.details().status(), b.notificationDue(),
                        b.authority().map(a -> "notified " + a.notifiedAt() + (a.late() ? " (late)" : ""))
                                .orElse(!b.notificationRequired() ? "not required"
                                        : b.overdueAt(now) || overdue ? "OVERDUE" : "pending")))
                        .collect(Collectors.joining(NL));
    }

    @Descriptor("Records a breach; times as 2030-01-07T08:00:00Z, 2030-01-07T08:00 (UTC) or 2030-01-07")
    public String _new(
            @Descriptor("when the controller became aware (default: now)") @Parameter(names = "--aware", absentValue = ABSENT) String aware,
            @Descriptor("when it was discovered (default: the awareness time)") @Parameter(names = "--discovered", absentValue = ABSENT) String discovered,
            @Descriptor("what happened (quote it)") @Parameter(names = "--nature", absentValue = ABSENT) String nature,
            @Descriptor("categories of people concerned") @Parameter(names = "--subjects", absentValue = ABSENT) String subjects,
            @Descriptor("approximate number of people") @Parameter(names = "--people", absentValue = "0") long people,
            @Descriptor("categories of personal data concerned") @Parameter(names = "--data", absentValue = ABSENT) String data,
            @Descriptor("approximate number of records") @Parameter(names = "--records", absentValue = "0") long records,
            @Descriptor("likely consequences") @Parameter(names = "--consequences", absentValue = ABSENT) String consequences,
            @Descriptor("measures taken or proposed") @Parameter(names = "--measures", absentValue = ABSENT) String measures,
            @Descriptor("contact point (DPO)") @Parameter(names = "--contact", absentValue = ABSENT) String contact,
            @Descriptor("none, risk or high") @Parameter(names = "--risk", absentValue = "risk") String risk) {
        Instant awareAt = aware.isBlank() ? clock.instant() : time("aware", aware);
        Breach breach = breaches.record(BreachDraft.builder().awareAt(awareAt)
                .discoveredAt(discovered.isBlank() ? awareAt : time("discovered", discovered)).nature(nature)
                .subjects(subjects, people).data(data, records).consequences(consequences).measures(measures)
                .contactPoint(contact).risk(RiskLevel.parse("risk", risk)).build(), console());
        return "Recorded breach " + breach.id() + NL + (breach.notificationRequired()
                ? "Notify the supervisory authority by " + breach.notificationDue() + " (72 hours after awareness)"
                : "No risk: no notification required; the assessment stays documented in the register");
    }

    @Descriptor("Shows a breach with its authority notification and who was notified")
    public String show(@Descriptor("breach id") String id) {
        BreachId breachId = BreachId.parse(id);
        Breach b = breaches.get(breachId, console());
        List<PersonNotice> notices = breaches.notices(breachId, console());
        BreachDraft d = b.details();
        StringBuilder text = new StringBuilder();
        line(text, "Breach", b.id().value());
        line(text, "Discovered", d.discoveredAt().toString());
        line(text, "Aware", d.awareAt().toString());
        line(text, "Nature", d.nature());
        line(text, "People", d.subjectCategories() + " (about " + d.approxSubjects() + ")");
        line(text, "Data", d.dataCategories() + " (about " + d.approxRecords() + " records)");
        line(text, "Consequences", d.consequences());
        line(text, "Measures", d.measures());
        line(text, "Contact point", d.contactPoint());
        line(text, "Risk", d.risk().name());
        line(text, "Status", d.status().name());
        line(text, "Authority due", b.notificationDue().toString());
        line(text, "Authority", b.authority().map(a -> a.notifiedAt() + ", reference " + a.reference()
                + (a.late() ? ", late: " + a.delayReasons() : "")).orElse(b.notificationRequired()
                        ? (b.overdueAt(clock.instant()) ? "OVERDUE" : "not yet notified") : "not required"));
        line(text, "People notified", notices.stream().filter(n -> n.outcome().name().equals("QUEUED")).count()
                + " of " + notices.size());
        for (PersonNotice n : notices) {
            text.append("  ").append(n.person()).append("  ").append(n.at()).append("  ").append(n.outcome())
                    .append(n.reason().isEmpty() ? "" : "  " + n.reason()).append(NL);
        }
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-16s %s", label + ":", value == null ? "" : value)).append(NL);
    }

    @Descriptor("Records that the supervisory authority was notified now, with its case reference")
    public String notifyAuthority(@Descriptor("breach id") String id, @Descriptor("the authority's reference") String reference) {
        return notifyAuthority(id, reference, "");
    }

    @Descriptor("Records that the supervisory authority was notified now, with its case reference and the reasons "
            + "for a delay beyond 72 hours")
    public String notifyAuthority(@Descriptor("breach id") String id,
            @Descriptor("the authority's reference") String reference,
            @Descriptor("reasons for the delay (quote them)") String delayReasons) {
        Breach b = breaches.notifyAuthority(BreachId.parse(id), null, reference, delayReasons, console());
        return "Authority notification of breach " + b.id() + " recorded"
                + (b.authority().orElseThrow().late() ? " (late, with the reasons for the delay)" : " (in time)");
    }

    @Descriptor("Writes the register of processing activities (Art. 30) as CSV")
    public String ropa(@Descriptor("the CSV file to write") String file) {
        int rows = breaches.exportProcessingRegister(Path.of(file), console());
        return rows + " processing activities written to " + Path.of(file).toAbsolutePath();
    }

    @Descriptor("Shows the register's database, counts and whether mail and contacts are available")
    public String status() {
        var s = breaches.status();
        return "Database: " + s.database() + NL + "Open breaches: " + s.open() + NL + "Overdue: " + s.overdue() + NL
                + "Overdue check every " + s.checkIntervalSeconds() + " s" + NL + "Mail outbox: "
                + (s.mailAvailable() ? "available" : "NOT running (people cannot be notified)") + NL
                + "Contacts address lookup: " + (s.contactsAvailable() ? "available" : "not installed");
    }

    static Instant time(String field, String text) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.contains("+")) {
                return Instant.parse(t);
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be a date (2030-01-07) or a UTC time (2030-01-07T08:00:00Z)");
        }
    }
}
