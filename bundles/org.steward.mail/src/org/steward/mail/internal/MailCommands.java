package org.steward.mail.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.Actor;
import org.steward.mail.MailId;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;

/** Console commands of the outbox, in the {@code mail} scope. */
@Component(service = MailCommands.class, property = { "osgi.command.scope=mail", "osgi.command.function=outbox",
        "osgi.command.function=test", "osgi.command.function=retry", "osgi.command.function=templates" })
public final class MailCommands {

    private final OutboxService outbox;
    private final MailTemplates templates;

    @Activate
    public MailCommands(@Reference OutboxService outbox, @Reference MailTemplates templates) {
        this.outbox = outbox;
        this.templates = templates;
    }

    private static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    @Descriptor("Shows how many mails are queued, sent, failed and cancelled, how many are held for restricted "
            + "people, when the next one is due, and which transport delivers")
    public String outbox() {
        OutboxQueries.Summary summary = outbox.summary();
        StringBuilder text = new StringBuilder("Outbox (transport ").append(outbox.configuration().transport())
                .append("): ");
        for (Map.Entry<MailState, Long> count : summary.counts().entrySet()) {
            text.append(count.getValue()).append(' ').append(count.getKey().name().toLowerCase()).append(", ");
        }
        text.append(summary.held()).append(" held (restricted)");
        text.append(summary.nextDue().map(Instant::toString).map(t -> "; next due " + t).orElse("; nothing due"));
        return text.toString();
    }

    @Descriptor("Queues a short service test mail to an address and delivers it at once through the configured "
            + "transport; prints the mail id and its state")
    public String test(@Descriptor("the address to send the test mail to") String address) {
        MailId id = outbox.enqueue(new OutgoingMail(address, Optional.empty(), OutgoingMail.SERVICE,
                "Steward test mail", "This is a test mail from Steward, sent with mail:test at " + Instant.now()
                        + ".\nIf you can read it, outbound mail works.\n",
                Optional.empty(), Map.of(), "test"), console());
        outbox.deliverDue();
        MailStatus status = outbox.status(id).orElseThrow();
        return "Test mail " + id + " is " + status.state().name().toLowerCase()
                + status.lastError().map(e -> ": " + e).orElse("");
    }

    @Descriptor("Queues a failed mail again (its attempts start over) or sends a queued one now")
    public String retry(@Descriptor("the mail id, as mail:outbox and the audit log show it") String id) {
        MailStatus status = outbox.retry(new MailId(id.trim()), console());
        return "Mail " + status.id() + " queued again; next attempt now.";
    }

    @Descriptor("Lists the mail templates of the installed modules: name, the bundle that contributed it, languages")
    public String templates() {
        if (templates.templates().isEmpty()) {
            return "No mail templates: no installed module contributes any.";
        }
        return templates.templates().stream().map(name -> String.format("%-24s %-28s %s", name,
                templates.contributor(name).orElse("?"), templates.languages(name).stream()
                        .map(Locale::toLanguageTag).collect(Collectors.joining(" "))))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
