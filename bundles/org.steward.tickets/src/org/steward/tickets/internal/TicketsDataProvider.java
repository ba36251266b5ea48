package org.steward.tickets.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.FieldEncryption;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.persistence.Transactions;
import org.steward.tickets.Tickets;

/**
 * The tickets module's personal-data provider: what it holds, a person's export, restriction and erasure. A
 * conversation is not rectified by rewriting it: a correction is a new message on the ticket.
 */
@Component(service = PersonalDataProvider.class, configurationPid = TicketsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { PersonalDataProvider.MODULE_PROPERTY + "=" + Tickets.MODULE })
public final class TicketsDataProvider implements PersonalDataProvider {

    private final Logger logger;
    private final AuditLog audit;
    private final TeamAccess access;
    private final Transactions transactions;
    private final TicketsConfiguration config;
    private final boolean eraseDeletes;
    private final boolean retentionRecycles;
    private final SubjectAccessExport exports;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RequesterContacts contacts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgentNames agents;

    @Activate
    public TicketsDataProvider(@Reference(service = LoggerFactory.class) Logger logger, @Reference TicketStore store,
            @Reference AuditLog audit, @Reference AccessDecisions decisions,
            @Reference PermissionAdministration administration, @Reference FieldEncryption encryption,
            TicketsConfiguration config) {
        this.logger = logger;
        this.audit = audit;
        this.access = new TeamAccess(decisions, administration);
        this.transactions = store.transactions();
        this.config = config;
        this.eraseDeletes = PolicyChoice.eraseDeletes(logger, config);
        this.retentionRecycles = PolicyChoice.retentionRecycles(logger, config);
        Sealing sealing = new Sealing(encryption);
        this.exports = new SubjectAccessExport(transactions, new TicketViews(sealing, () -> clock.instant()), sealing,
                logger, () -> contacts, () -> agents);
        logger.info("Tickets personal data: erasure {}", eraseDeletes ? "deletes" : "anonymises");
    }

    @Override
    public String module() {
        return Tickets.MODULE;
    }

    @Override
    public DataDescription describe() {
        return new DataDescription(Tickets.MODULE, List.of(new DataCategory(SubjectAccessExport.CATEGORY, List.of(
                new FieldDescription("subject", DataClassification.PERSONAL, "the subject of a ticket (encrypted)"),
                new FieldDescription("body", DataClassification.PERSONAL,
                        "the messages of a ticket: the person's, the agents' answers and internal notes (encrypted)"),
                new FieldDescription("attachments", DataClassification.PERSONAL,
                        "files attached to messages, with their names (encrypted)"),
                new FieldDescription("status", DataClassification.NOT_PERSONAL, "status, priority, channel, team"),
                new FieldDescription("times", DataClassification.NOT_PERSONAL,
                        "when the ticket was opened, answered, solved and closed, and the service-level due times")),
                List.of("answering the person's support requests", "measuring the helpdesk's service levels"),
                List.of("Art. 6(1)(b) contract: support the person asked for",
                        "Art. 6(1)(f) legitimate interests: service-level statistics (anonymised)"),
                List.of(), "closed tickets " + (retentionRecycles ? "are deleted" : "are anonymised") + " after "
                        + config.closedRetentionMonths() + " months",
                List.of("customers", "requesters"))));
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        TicketInput.actor(actor);
        requirePerson(person);
        access.requireModule(actor, Operation.EXPORT);
        PersonalDataExport export = exports.of(person, actor);
        audit.append(AuditEvent.builder(actor, "tickets.export").target(Tickets.MODULE, Tickets.TYPE).person(person)
                .fields("subject", "body", "attachments").details(export.records().size()
                        + " records for a subject-access request; other people's data removed").build());
        return export;
    }

    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        TicketInput.actor(actor);
        if (corrections == null || corrections.isEmpty()) {
            return 0;
        }
        List<Violation> violations = new ArrayList<>();
        for (String field : corrections.keySet()) {
            violations.add(new Violation(field == null || field.isBlank() ? "field" : field,
                    TicketService.CATALOGUE.containsKey(field) ? "a conversation is corrected by adding a message to "
                            + "the ticket, not by rewriting what was said" : "is not held by the tickets module"));
        }
        throw new ValidationException(violations);
    }

    @Override
    public void restrict(PersonId person, boolean restricted, Actor actor) {
        TicketInput.actor(actor);
        requirePerson(person);
        access.requireModule(actor, Operation.ERASE);
        transactions.run(em -> {
            boolean changed = restricted ? TicketStore.LOCKS.restrict(em, person, clock.instant())
                    : TicketStore.LOCKS.lift(em, person);
            audit.append(AuditEvent.builder(actor, restricted ? "tickets.restrict" : "tickets.unrestrict")
                    .target(Tickets.MODULE, Tickets.TYPE).person(person).details(!changed ? "unchanged"
                            : restricted ? "processing restricted (Art. 18)" : "restriction lifted").build());
        });
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return person != null && transactions.read(em -> TicketStore.LOCKS.isRestricted(em, person));
    }

    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        TicketInput.actor(actor);
        requirePerson(person);
        access.requireModule(actor, Operation.ERASE);
        Instant now = clock.instant();
        List<String> deleted = new ArrayList<>();
        int anonymised = transactions.write(em -> {
            deleted.clear(); // a retried transaction starts again
            int count = 0;
            for (TicketRecord ticket : TicketStore.ofPerson(em, person.toString())) {
                if (eraseDeletes) {
                    deleted.add(ticket.id);
                    TicketStore.delete(em, ticket);
                } else {
                    TicketStore.anonymise(em, ticket, now);
                    count++;
                }
            }
            // messages written under the person's key on tickets of nobody else cannot exist; this is belt and braces
            em.createQuery("DELETE FROM AttachmentRecord a WHERE a.personId = :person")
                    .setParameter("person", person.toString()).executeUpdate();
            em.createQuery("DELETE FROM MessageRecord m WHERE m.personId = :person")
                    .setParameter("person", person.toString()).executeUpdate();
            TicketStore.LOCKS.lift(em, person);
            em.flush();
            audit.append(AuditEvent.builder(actor, "tickets.erase").target(Tickets.MODULE, Tickets.TYPE)
                    .person(person).details("erasure (" + (eraseDeletes ? "delete" : "anonymise") + "): "
                            + deleted.size() + " deleted, " + count + " anonymised").build());
            return count;
        });
        access.unshare(deleted, logger);
        return new ErasureOutcome(deleted.size(), anonymised, List.of());
    }

    private static void requirePerson(PersonId person) {
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
    }
}
