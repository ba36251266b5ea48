package org.steward.tickets.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.PersonId;
import org.steward.encryption.FieldEncryption;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.PermissionAdministration;
import org.steward.tickets.Attachment;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketMessage;
import org.steward.tickets.TicketPriority;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.TicketThread;
import org.steward.tickets.Tickets;

/**
 * The helpdesk service: wires the module's parts and hands each call to the one that serves it. The contacts, consent,
 * identity and mail modules are optional; their services arrive through this module's own small interfaces
 * ({@link RequesterContacts}, {@link FormConsents}, {@link ReplyMailer}), so that this class loads without them and
 * only the features that need one answer "not installed" while it is absent.
 */
@Component(service = Tickets.class, immediate = true, configurationPid = TicketsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TicketsConfiguration.class)
public final class TicketService implements Tickets {

    /** The field catalogue given to the permissions service; free texts are personal, states are not. */
    static final Map<String, DataClassification> CATALOGUE = Map.of("subject", DataClassification.PERSONAL,
            "body", DataClassification.PERSONAL, "attachments", DataClassification.PERSONAL, "status",
            DataClassification.NOT_PERSONAL, "priority", DataClassification.NOT_PERSONAL, "assignee",
            DataClassification.NOT_PERSONAL, "team", DataClassification.NOT_PERSONAL);

    private final TicketIntake intake;
    private final TicketReading reading;
    private final TicketChanges changes;
    private final TicketSearch search;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RequesterContacts contacts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FormConsents consents;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReplyMailer mailer;

    @Activate
    public TicketService(@Reference(service = LoggerFactory.class) Logger logger, @Reference TicketStore store,
            @Reference AuditLog audit, @Reference AccessDecisions decisions,
            @Reference PermissionAdministration administration, @Reference FieldEncryption encryption,
            TicketsConfiguration config) {
        TeamAccess access = new TeamAccess(decisions, administration);
        Sealing sealing = new Sealing(encryption);
        TicketInput input = new TicketInput(config, administration);
        TicketRefusals refusals = new TicketRefusals(audit);
        ThreadRecords records = new ThreadRecords(sealing, ServiceLevels.parse(config.serviceLevels(),
                problem -> logger.error("Tickets configuration: {}", problem)));
        TicketViews views = new TicketViews(sealing, () -> clock.instant());
        var tx = store.transactions();
        this.intake = new TicketIntake(input, access, refusals, records, views, sealing, tx, audit,
                () -> clock.instant(), () -> contacts, () -> consents);
        this.reading = new TicketReading(decisions, access, refusals, views, tx, audit);
        this.changes = new TicketChanges(input, access, refusals, records, views, sealing, tx, audit, logger,
                config.mailReplies(), () -> clock.instant(), () -> contacts, () -> mailer);
        this.search = new TicketSearch(decisions, access, refusals, views, tx, audit, logger,
                config.searchScanLimit());
        logger.info("Tickets ready");
    }

    @Override
    public Ticket open(NewTicket ticket, Actor actor) {
        return intake.open(ticket, actor);
    }

    @Override
    public TicketThread get(TicketId id, Actor actor) {
        return reading.get(id, actor);
    }

    @Override
    public TicketThread customerView(TicketId id, Actor actor) {
        return reading.customerView(id, actor);
    }

    @Override
    public TicketMessage reply(TicketId id, String text, List<Attachment> attachments, boolean internal,
            Actor actor) {
        return changes.reply(id, text, attachments, internal, actor);
    }

    @Override
    public TicketMessage customerReply(TicketId id, String text, List<Attachment> attachments,
            Actor actor) {
        return changes.customerReply(id, text, attachments, actor);
    }

    @Override
    public Ticket changeStatus(TicketId id, TicketStatus status, Actor actor) {
        return changes.changeStatus(id, status, actor);
    }

    @Override
    public Ticket assign(TicketId id, Optional<String> assignee, Optional<String> team, Actor actor) {
        return changes.assign(id, assignee, team, actor);
    }

    @Override
    public Ticket changePriority(TicketId id, TicketPriority priority, Actor actor) {
        return changes.changePriority(id, priority, actor);
    }

    @Override
    public List<Ticket> search(TicketQuery query, Actor actor) {
        return search.search(query, actor);
    }

    @Override
    public void delete(TicketId id, Actor actor) {
        changes.delete(id, actor);
    }
}
