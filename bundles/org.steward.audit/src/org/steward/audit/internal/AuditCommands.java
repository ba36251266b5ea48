package org.steward.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.audit.AuditVerification;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;

/** Console commands of the audit log, in the {@code audit} scope. */
@Component(service = AuditCommands.class, property = { "osgi.command.scope=audit", "osgi.command.function=verify",
        "osgi.command.function=list", "osgi.command.function=tail" })
public final class AuditCommands {

    private static final String NL = System.lineSeparator();
    private static final String ABSENT = "";

    private final AuditLog log;

    @Activate
    public AuditCommands(@Reference AuditLog log) {
        this.log = log;
    }

    @Descriptor("Verifies the whole hash chain of the audit log against its head and the anchors file; fails, naming "
            + "the first broken entry, when any entry was edited, deleted, inserted or reordered")
    public String verify() {
        AuditVerification result = log.verify();
        String summary = result.checked() + " entries checked (" + result.anchorsChecked() + " anchors) in "
                + result.took().toMillis() + " ms";
        if (result.broken().isPresent()) {
            throw new ChainBrokenException("Audit chain BROKEN at " + result.broken().get() + NL + summary);
        }
        return "Audit chain OK: " + summary + (result.checked() == 0 ? "" : ", entries 1 to " + result.lastSeq());
    }

    @Descriptor("Lists audit entries, newest first, with optional filters")
    public String list(
            @Descriptor("only entries about this person id") @Parameter(names = "--person", absentValue = ABSENT) String person,
            @Descriptor("only entries by this user id") @Parameter(names = "--actor", absentValue = ABSENT) String actor,
            @Descriptor("only entries with this action, e.g. contact.read") @Parameter(names = "--action", absentValue = ABSENT) String action,
            @Descriptor("only entries about records of this module") @Parameter(names = "--module", absentValue = ABSENT) String module,
            @Descriptor("only entries about records of this type") @Parameter(names = "--type", absentValue = ABSENT) String type,
            @Descriptor("only entries about the record with this id") @Parameter(names = "--id", absentValue = ABSENT) String id,
            @Descriptor("from this time (UTC), e.g. 2025-03-01 or 2025-03-01T10:00:00Z") @Parameter(names = "--from", absentValue = ABSENT) String from,
            @Descriptor("before this time (UTC)") @Parameter(names = "--to", absentValue = ABSENT) String to,
            @Descriptor("at most this many entries (1 to 1000)") @Parameter(names = "--limit", absentValue = "50") int limit,
            @Descriptor("entries older than this sequence number (the cursor printed by the previous page)") @Parameter(names = "--after", absentValue = "0") long after,
            @Descriptor("oldest first instead of newest first") @Parameter(names = "--oldest-first", absentValue = "false", presentValue = "true") boolean oldestFirst) {
        AuditQuery.Builder query = AuditQuery.builder().limit(limit).actor(actor).action(action)
                .target(module, type, id).between(time("from", from), time("to", to));
        if (!person.isBlank()) {
            query.person(PersonId.parse(person));
        }
        if (after > 0) {
            query.after(after);
        }
        if (oldestFirst) {
            query.oldestFirst();
        }
        AuditPage page = log.query(query.build());
        if (page.entries().isEmpty()) {
            return "No audit entries match.";
        }
        return format(page.entries()) + (page.hasMore()
                ? NL + "More entries: add --after " + page.next().getAsLong() : "");
    }

    @Descriptor("Shows the 20 latest audit entries, oldest of them first")
    public String tail() {
        return tail(20);
    }

    @Descriptor("Shows the latest audit entries, oldest of them first")
    public String tail(@Descriptor("how many entries (1 to 1000)") int count) {
        AuditPage page = log.query(AuditQuery.builder().limit(count).build());
        if (page.entries().isEmpty()) {
            return "The audit log is empty.";
        }
        return format(page.entries().reversed());
    }

    private static Instant time(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() <= 10 ? LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be a date (2025-03-01) or a UTC time (2025-03-01T10:00:00Z)");
        }
    }

    static String format(List<AuditEntry> entries) {
        return entries.stream().map(AuditCommands::line).collect(Collectors.joining(NL));
    }

    private static String line(AuditEntry entry) {
        AuditEvent e = entry.event();
        StringBuilder line = new StringBuilder();
        line.append(String.format("%8d  %-27s  %-8s %-7s  %s (%s)%s  %s  %s/%s%s", entry.seq(), entry.time(),
                e.outcome(), e.actor().channel(), e.actor().loginName(), e.actor().userId(),
                e.actor().sourceAddress().map(a -> " from " + a).orElse(""), e.action(), e.targetModule(),
                e.targetType(), e.targetId().isEmpty() ? "" : "/" + e.targetId()));
        e.person().ifPresent(p -> line.append("  person ").append(p));
        if (!e.fields().isEmpty()) {
            line.append("  fields ").append(String.join(",", e.fields()));
        }
        if (!e.details().isEmpty()) {
            line.append("  \"").append(e.details()).append('"');
        }
        return line.toString();
    }
}
