package org.steward.retention.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.retention.PurgeReport;
import org.steward.retention.PurgeStep;
import org.steward.retention.RetentionPolicy;
import org.steward.retention.RetentionService;
import org.steward.retention.RetentionStatus;

/** Console commands of the retention module, in the {@code retention} scope; they act as the server console. */
@Component(service = RetentionCommands.class, property = { "osgi.command.scope=retention",
        "osgi.command.function=policies", "osgi.command.function=set", "osgi.command.function=purge",
        "osgi.command.function=runs", "osgi.command.function=status" })
public final class RetentionCommands {

    private static final String NL = System.lineSeparator();
    /** Ids printed per step of a report; the journal keeps up to 1,000. */
    private static final int IDS_SHOWN = 20;

    private final RetentionService retention;

    @Activate
    public RetentionCommands(@Reference RetentionService retention) {
        this.retention = retention;
    }

    private static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    @Descriptor("Lists the retention policy of every category of every installed module")
    public String policies() {
        List<RetentionPolicy> policies = retention.policies(console());
        if (policies.isEmpty()) {
            return "No installed module takes part in retention.";
        }
        return String.format("%-14s %-22s %-9s %8s %8s  %s", "MODULE", "CATEGORY", "ACTION", "DEFAULT", "MONTHS",
                "DESCRIPTION") + NL + policies.stream().map(p -> String.format("%-14s %-22s %-9s %8d %8s  %s",
                        p.module(), p.category(), p.action(), p.defaultMonths(),
                        (p.effectiveMonths() == 0 ? "keep" : String.valueOf(p.effectiveMonths()))
                                + (p.configuredMonths().isPresent() ? "*" : ""),
                        p.description())).collect(Collectors.joining(NL))
                + NL + "(* set by an administrator; keep = kept until deleted)";
    }

    @Descriptor("Sets the retention period of a category in months (0 keeps records until deleted, 'default' "
            + "returns to the module's default)")
    public String set(@Descriptor("module, e.g. contacts") String module,
            @Descriptor("category, e.g. leads-inactive") String category,
            @Descriptor("months, 0 or 'default'") String months) {
        RetentionPolicy policy;
        if ("default".equalsIgnoreCase(months.trim())) {
            policy = retention.useDefault(module, category, console());
        } else {
            int value;
            try {
                value = Integer.parseInt(months.trim());
            } catch (NumberFormatException e) {
                throw new ValidationException("months", "must be a whole number of months or 'default'");
            }
            policy = retention.setMonths(module, category, value, console());
        }
        return "Retention of " + policy.module() + "/" + policy.category() + ": "
                + (policy.effectiveMonths() == 0 ? "kept until deleted" : policy.effectiveMonths() + " months")
                + (policy.configuredMonths().isPresent() ? "" : " (module default)");
    }

    @Descriptor("Runs the purge now in every installed module (first completing interrupted runs); --dry-run only "
            + "reports what would be moved, anonymised or deleted")
    public String purge(@Descriptor("change nothing, only report") @Parameter(names = "--dry-run",
            absentValue = "false", presentValue = "true") boolean dryRun) {
        return format(retention.purge(dryRun, console()), true);
    }

    @Descriptor("Lists the latest 10 purge runs")
    public String runs() {
        return runs(10);
    }

    @Descriptor("Lists the latest purge runs")
    public String runs(@Descriptor("how many (1 to 1000)") int count) {
        List<PurgeReport> runs = retention.runs(count, console());
        if (runs.isEmpty()) {
            return "No purge has run yet.";
        }
        return runs.stream().map(r -> format(r, false)).collect(Collectors.joining(NL));
    }

    @Descriptor("Shows the recycle-bin period, the daily purge and the participating modules")
    public String status() {
        RetentionStatus s = retention.status();
        return "Database: " + s.database() + NL + "Recycle bin: " + s.recycleBinDays() + " days" + NL
                + "Daily purge: " + (s.dailyPurge() ? "at " + s.purgeTime() + " " + s.zone() : "off") + NL
                + "Next run: " + s.nextScheduledRun().map(Object::toString).orElse("-") + NL + "Modules: "
                + (s.participants().isEmpty() ? "none" : String.join(", ", s.participants()));
    }

    static String format(PurgeReport run, boolean withIds) {
        StringBuilder text = new StringBuilder();
        if (!run.resumedRuns().isEmpty()) {
            text.append("Completed interrupted runs first: ").append(String.join(", ", run.resumedRuns())).append(NL);
        }
        text.append(run.dryRun() ? "Dry run " : "Run ").append(run.runId()).append("  ").append(run.state())
                .append("  ").append(run.trigger()).append(" by ").append(run.actorId()).append("  started ")
                .append(run.startedAt()).append("  ").append(run.totalAffected())
                .append(run.dryRun() ? " records would be affected" : " records affected");
        for (PurgeStep step : run.steps()) {
            text.append(NL).append(String.format("  %-14s %-22s %-9s before %-24s %-7s %6d", step.module(),
                    step.category(), step.action(), step.cutoff(), step.state(), step.affected()));
            if (!step.error().isEmpty()) {
                text.append("  (").append(step.error()).append(')');
            }
            if (withIds && !step.recordIds().isEmpty()) {
                text.append(NL).append("      ids: ")
                        .append(String.join(" ", step.recordIds().subList(0, Math.min(IDS_SHOWN,
                                step.recordIds().size()))))
                        .append(step.recordIds().size() > IDS_SHOWN ? " ..." : "");
            }
        }
        return text.toString();
    }
}
