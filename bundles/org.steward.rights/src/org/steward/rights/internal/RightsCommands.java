package org.steward.rights.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.rights.ErasureReport;
import org.steward.rights.ErasureStep;
import org.steward.rights.ExportReport;
import org.steward.rights.LegalHold;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.SubjectRights;
import org.steward.rights.Verification;

/**
 * Console commands of the rights module, in the {@code rights} scope. They act as the operating-system user that runs
 * the server; e-mail addresses are resolved through the contacts module and never printed back.
 */
@Component(service = RightsCommands.class, property = { "osgi.command.scope=rights",
        "osgi.command.function=request", "osgi.command.function=list", "osgi.command.function=export",
        "osgi.command.function=erase", "osgi.command.function=restrict", "osgi.command.function=status",
        "osgi.command.function=verify", "osgi.command.function=extend", "osgi.command.function=hold",
        "osgi.command.function=release" })
public final class RightsCommands {

    private static final String NL = System.lineSeparator();

    private final RequestRegister register;
    private final SubjectRights rights;

    @Activate
    public RightsCommands(@Reference RequestRegister register, @Reference SubjectRights rights) {
        this.register = register;
        this.rights = rights;
    }

    static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    @Descriptor("Registers a data-subject request received today; the due date is one month later (Art. 12(3))")
    public String request(
            @Descriptor("access, rectification, erasure, restriction, portability or objection") String type,
            @Descriptor("the requester's e-mail address") String email) {
        return request(type, email, "e-mail");
    }

    @Descriptor("Registers a data-subject request received today; the due date is one month later (Art. 12(3))")
    public String request(
            @Descriptor("access, rectification, erasure, restriction, portability or objection") String type,
            @Descriptor("the requester's e-mail address") String email,
            @Descriptor("how the request came in: e-mail, letter, phone, portal, ...") String channel) {
        RightsRequest r = register.register(RequestType.parse("type", type), email, null, channel, console());
        return "Registered " + r.type().name().toLowerCase(Locale.ROOT) + " request " + r.id() + " for person "
                + r.person() + ", due " + r.due();
    }

    @Descriptor("Lists the requests, oldest due first")
    public String list(@Descriptor("only open requests past their due date") @Parameter(names = "--overdue",
            absentValue = "false", presentValue = "true") boolean overdue) {
        List<RightsRequest> requests = register.list(overdue, console());
        if (requests.isEmpty()) {
            return overdue ? "No request is overdue." : "No requests.";
        }
        return requests.stream().map(RightsCommands::line).collect(Collectors.joining(NL));
    }

    static String line(RightsRequest r) {
        return String.format("%s  %-13s %-11s %-10s received %s  due %s%s%s", r.id(), r.type(), r.state(),
                r.verification(), r.received(), r.due(), r.extensionMonths() > 0 ? " (extended)" : "",
                r.assignee().isEmpty() ? "" : "  assignee " + r.assignee());
    }

    @Descriptor("Writes the access/portability package (zip) of the person with this e-mail address; a relative "
            + "file name goes to the data directory's exports folder")
    public String export(@Descriptor("the person's e-mail address") String email,
            @Descriptor("the zip file to write") String file) {
        Actor actor = console();
        PersonId person = rights.personByEmail(email, actor);
        ExportReport report = rights.export(person, Path.of(file), Optional.empty(), actor);
        return "Wrote " + report.file() + " (" + report.bytes() + " bytes): " + report.records() + " records "
                + report.recordsPerModule();
    }

    @Descriptor("Erases the person with this e-mail address in every module, journaled; ends with crypto-shredding "
            + "and an erasure-blocklist entry. Refused while a legal hold is active.")
    public String erase(@Descriptor("the person's e-mail address") String email) {
        Actor actor = console();
        PersonId person = rights.personByEmail(email, actor);
        return describe(rights.erase(person, actor));
    }

    @Descriptor("Sets (on) or lifts (off) the restriction of processing (Art. 18) in every module")
    public String restrict(@Descriptor("the person's e-mail address") String email,
            @Descriptor("on or off") String onOff) {
        boolean on = switch (onOff == null ? "" : onOff.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new ValidationException("on|off", "must be on or off");
        };
        Actor actor = console();
        PersonId person = rights.personByEmail(email, actor);
        List<String> modules = rights.restrict(person, on, actor);
        return on ? "Processing of person " + person + " is restricted in " + modules
                : "Restriction of person " + person + " lifted" + (modules.isEmpty() ? "" : "; still held by "
                        + modules);
    }

    @Descriptor("Shows a request, and the journal of its erasure when there is one")
    public String status(@Descriptor("the request id") String id) {
        Actor actor = console();
        RequestId requestId = RequestId.parse(id);
        RightsRequest r = register.get(requestId, actor);
        StringBuilder out = new StringBuilder(line(r)).append(NL).append("person ").append(r.person())
                .append(", channel ").append(r.channel());
        if (r.extensionMonths() > 0) {
            out.append(NL).append("extended by ").append(r.extensionMonths()).append(" month(s): ")
                    .append(r.extensionReason()).append("; notice ").append(r.noticeVia()).append(" at ")
                    .append(r.noticeAt().map(Object::toString).orElse("-"));
        }
        if (!r.refusalReason().isEmpty()) {
            out.append(NL).append("refused: ").append(r.refusalReason());
        }
        rights.erasure(requestId, actor).ifPresent(report -> out.append(NL).append(describe(report)));
        return out.toString();
    }

    @Descriptor("Records the outcome of the requester's identity check: unverified, pending, verified or failed")
    public String verify(@Descriptor("the request id") String id, @Descriptor("the outcome") String outcome) {
        Verification v;
        try {
            v = Verification.valueOf(outcome.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("verification", "must be unverified, pending, verified or failed");
        }
        return line(register.verify(RequestId.parse(id), v, console()));
    }

    @Descriptor("Extends the due date by 1 or 2 months (Art. 12(3)) and records the notice to the person")
    public String extend(@Descriptor("the request id") String id, @Descriptor("1 or 2") int months,
            @Descriptor("the reason told to the person (quote it)") String reason) {
        RightsRequest r = register.extend(RequestId.parse(id), months, reason, console());
        return line(r) + NL + "Notice: " + r.noticeVia();
    }

    @Descriptor("Places a legal hold (Art. 17(3)) on the person with this e-mail address: erasure is refused")
    public String hold(@Descriptor("the person's e-mail address") String email,
            @Descriptor("the reason (quote it)") String reason) {
        Actor actor = console();
        LegalHold hold = rights.placeHold(rights.personByEmail(email, actor), reason, actor);
        return "Legal hold " + hold.id() + " placed on person " + hold.person();
    }

    @Descriptor("Lifts a legal hold")
    public String release(@Descriptor("the hold id") String holdId) {
        LegalHold hold = rights.releaseHold(holdId, console());
        return "Legal hold " + hold.id() + " lifted";
    }

    static String describe(ErasureReport report) {
        StringBuilder out = new StringBuilder("Erasure of person ").append(report.person()).append(" (request ")
                .append(report.request()).append("): ").append(report.state());
        for (ErasureStep step : report.steps()) {
            out.append(NL).append(String.format("  %-20s %-8s %d deleted, %d anonymised%s%s", step.module(),
                    step.state(), step.deleted(), step.anonymised(),
                    step.retained().isEmpty() ? "" : ", retained: " + String.join("; ", step.retained()),
                    step.error().isEmpty() ? "" : ", error: " + step.error()));
        }
        if (!report.waitingFor().isEmpty()) {
            out.append(NL).append("  waiting for the modules ").append(report.waitingFor());
        }
        if (report.isComplete()) {
            out.append(NL).append("  ").append(report.exportsDeleted()).append(" earlier export file(s) deleted, key ")
                    .append("shredded, ").append(report.identifiers()).append(" identifier(s) in the erasure blocklist");
        }
        return out.toString();
    }
}
