package org.steward.tickets.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.consent.ConsentProof;
import org.steward.consent.Consents;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ConflictException;
import org.steward.core.DataClassification;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionParticipant;
import org.steward.core.spi.RetentionResult;
import org.steward.encryption.FieldEncryption;
import org.steward.identity.User;
import org.steward.identity.UserDirectory;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.Purpose;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.tickets.Attachment;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.FormConsent;
import org.steward.tickets.MessageKind;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.TicketForm;
import org.steward.tickets.TicketId;
import org.steward.tickets.TicketMessage;
import org.steward.tickets.TicketPriority;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.TicketStatus;
import org.steward.tickets.TicketThread;
import org.steward.tickets.Tickets;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * The helpdesk service, the tickets module's personal-data provider and its retention participant. Every change runs in
 * one transaction that appends its audit entry before it commits, so that no change goes unaudited.
 */
@Component(service = { Tickets.class, PersonalDataProvider.class, RetentionParticipant.class }, immediate = true,
        configurationPid = TicketsConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { PersonalDataProvider.MODULE_PROPERTY + "=" + Tickets.MODULE })
@Designate(ocd = TicketsConfiguration.class)
public final class TicketService implements Tickets, PersonalDataProvider, RetentionParticipant {

    static final String UNIT = "steward.tickets";
    static final int SCHEMA_VERSION = 1;
    static final String CLOSED_CATEGORY = "tickets-closed";
    static final int MAX_SUBJECT = 500;
    static final int MAX_TEXT = 100_000;

    /** The field catalogue given to the permissions service; free texts are personal, states are not. */
    static final Map<String, DataClassification> CATALOGUE = Map.of("subject", DataClassification.PERSONAL,
            "body", DataClassification.PERSONAL, "attachments", DataClassification.PERSONAL, "status",
            DataClassification.NOT_PERSONAL, "priority", DataClassification.NOT_PERSONAL, "assignee",
            DataClassification.NOT_PERSONAL, "team", DataClassification.NOT_PERSONAL);

    /** Contact fields a customer may change themself; the e-mail address is not among them. */
    static final Set<String> SELF_SERVICE_FIELDS = Set.of("firstName", "lastName", "phone", "mobile", "language",
            "address.street", "address.postalCode", "address.city", "address.region", "address.country");

    private final Logger logger;
    private final AuditLog audit;
    private final AccessDecisions decisions;
    private final PermissionAdministration administration;
    private final TeamAccess access;
    private final Sealing sealing;
    private final TicketStore store;
    private final TicketsConfiguration config;
    private final ServiceLevels serviceLevels;
    private final boolean eraseDeletes;
    private final boolean retentionRecycles;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Contacts contacts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Consents consents;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserDirectory users;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReplyMailer mailer;

    @Activate
    public TicketService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference AuditLog audit,
            @Reference AccessDecisions decisions, @Reference PermissionAdministration administration,
            @Reference FieldEncryption encryption, BundleContext context, TicketsConfiguration config) {
        this.logger = logger;
        this.audit = audit;
        this.decisions = decisions;
        this.administration = administration;
        this.access = new TeamAccess(decisions, administration);
        this.sealing = new Sealing(encryption);
        this.config = config;
        this.serviceLevels = ServiceLevels.parse(config.serviceLevels(),
                problem -> logger.error("Tickets configuration: {}", problem));
        this.eraseDeletes = policy("erasure", config.erasure(), "anonymise", "delete");
        this.retentionRecycles = policy("closedAction", config.closedAction(), "anonymise", "recycle");
        this.store = new TicketStore(persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION)));
        logger.info("Tickets ready: erasure {}, closed tickets {} after {} months", eraseDeletes ? "deletes"
                : "anonymises", retentionRecycles ? "recycled" : "anonymised", config.closedRetentionMonths());
    }

    /** Whether a two-valued policy attribute has its second value; an unknown value keeps the safe first one. */
    private boolean policy(String attribute, String value, String first, String second) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals(first) && !v.equals(second)) {
            logger.error("Tickets configuration: {} must be '{}' or '{}'; '{}' is used", attribute, first, second,
                    first);
        }
        return v.equals(second);
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    private Instant now() {
        Clock c = clock;
        return (c == null ? Clock.systemUTC() : c).instant();
    }

    private static Actor actor(Actor actor) {
        if (actor == null) {
            throw new ValidationException("actor", "is required");
        }
        return actor;
    }

    private static TicketId id(TicketId id) {
        if (id == null) {
            throw new ValidationException("ticketId", "is required");
        }
        return id;
    }

    /**
     * The same principal acting through the tickets module on another module's data it needs for the helpdesk
     * (linking the requester's contact, the customer's own details): the tickets module has made its own decision and
     * audits it, and the other module records the change under the principal's user id.
     */
    private static Actor onBehalf(Actor actor) {
        return new Actor(actor.userId(), actor.loginName(), Channel.SYSTEM, actor.sourceAddress(), actor.sessionId(),
                actor.authenticatedAt());
    }

    private void append(AuditEvent.Builder event) {
        audit.append(event.build());
    }

    /** Audits a refusal decided here (not by the permissions service) and throws. */
    private AccessDeniedException deny(Actor actor, String action, String ticketId, PersonId person, String reason) {
        try {
            AuditEvent.Builder event = AuditEvent.builder(actor, AccessDecisions.DENIED_ACTION)
                    .outcome(Outcome.DENIED).details(action + ": " + reason);
            if (ticketId != null) {
                event.target(MODULE, TYPE, ticketId);
            } else {
                event.target(MODULE, TYPE);
            }
            if (person != null) {
                event.person(person);
            }
            append(event);
        } catch (StewardException e) {
            logger.error("A refusal could not be written to the audit log: {}", e.getMessage());
        }
        return new AccessDeniedException(action, reason);
    }

    private ProcessingRestrictedException restricted(Actor actor, String action, TicketRecord ticket,
            PersonId person) {
        try {
            append(AuditEvent.builder(actor, action).target(MODULE, TYPE, ticket == null ? "" : ticket.id)
                    .person(person).outcome(Outcome.DENIED).details("processing restricted (Art. 18)"));
        } catch (StewardException e) {
            logger.error("A refusal could not be written to the audit log: {}", e.getMessage());
        }
        return new ProcessingRestrictedException(person, action);
    }

    private void refuseIfRestricted(EntityManager em, Actor actor, String action, TicketRecord ticket) {
        if (ticket.personId != null && em.find(RestrictionRecord.class, ticket.personId) != null) {
            throw restricted(actor, action, ticket, PersonId.parse(ticket.personId));
        }
    }

    private boolean restrictedPerson(EntityManager em, String personId) {
        return personId != null && em.find(RestrictionRecord.class, personId) != null;
    }

    // ============================================================================================ validation

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (value.length() > max) {
            throw new ValidationException(field, "is longer than " + max + " characters");
        }
        return value;
    }

    private List<Attachment> attachments(List<Attachment> attachments) {
        List<Attachment> list = attachments == null ? List.of() : attachments;
        if (list.size() > config.maxAttachmentsPerMessage()) {
            throw new ValidationException("attachments", "at most " + config.maxAttachmentsPerMessage()
                    + " attachments per message");
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                violations.add(new Violation("attachments[" + i + "]", "is empty"));
            } else if (list.get(i).size() > config.maxAttachmentBytes()) {
                violations.add(new Violation("attachments[" + i + "]", "has " + list.get(i).size()
                        + " bytes; at most " + config.maxAttachmentBytes() + " are accepted"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return list;
    }

    private Optional<String> team(Optional<String> requested) {
        Optional<String> team = requested.isPresent() ? requested
                : Optional.ofNullable(config.defaultTeam()).map(String::strip).filter(t -> !t.isEmpty());
        if (team.isPresent() && administration.role(team.get()).isEmpty()) {
            throw new ValidationException("team", "is not a role of the permissions module");
        }
        return team;
    }

    // ============================================================================================ open

    @Override
    public Ticket open(NewTicket draft, Actor actor) {
        actor(actor);
        if (draft == null) {
            throw new ValidationException("ticket", "is required");
        }
        String subject = text("subject", draft.subject(), MAX_SUBJECT);
        String body = text("text", draft.text(), MAX_TEXT);
        if (draft.channel() == null) {
            throw new ValidationException("channel", "is required");
        }
        List<Attachment> files = attachments(draft.attachments());
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        if (actor.channel() == Channel.PORTAL) {
            // the public entry of the helpdesk: web forms and the portal open tickets without a staff profile
            if (draft.assignee().isPresent()) {
                throw new ValidationException("assignee", "cannot be chosen on a customer form");
            }
            if (customer.isPresent() && draft.requester().isPresent() && !draft.requester().equals(customer)) {
                throw deny(actor, "tickets.ticket.create", null, null, "a customer opens tickets for themself only");
            }
        } else {
            access.requireModule(actor, Operation.CREATE);
        }
        Optional<String> team = team(draft.team());
        TicketId id = TicketId.random();
        Instant now = now();

        Requester requester = requester(draft, customer, id, now, actor);
        recordConsents(draft.form(), requester.person(), now, actor);

        PersonId person = requester.person();
        TicketPriority priority = draft.priority().orElse(TicketPriority.NORMAL);
        TicketRecord ticket = new TicketRecord();
        ticket.id = id.value();
        ticket.subject = sealing.seal(person, ticket.id, Sealing.SUBJECT, subject);
        ticket.status = TicketStatus.NEW.name();
        ticket.priority = priority.name();
        ticket.channel = draft.channel().name();
        ticket.assignee = draft.assignee().orElse(null);
        ticket.team = team.orElse(null);
        ticket.personId = person.toString();
        ticket.createdAt = now;
        ticket.updatedAt = now;
        setDueTimes(ticket);
        MessageRecord first = message(ticket, MessageKind.CUSTOMER, null, body, 1, now);
        List<AttachmentRecord> stored = attachmentRecords(ticket, first, files);

        store.tx(em -> {
            if (restrictedPerson(em, ticket.personId)) {
                throw restricted(actor, "tickets.ticket.create", null, person);
            }
            em.persist(ticket);
            em.persist(first);
            stored.forEach(em::persist);
            em.flush();
            append(AuditEvent.builder(actor, "tickets.ticket.create").target(MODULE, TYPE, ticket.id).person(person)
                    .fields(files.isEmpty() ? List.of("subject", "body") : List.of("subject", "body", "attachments"))
                    .details("channel " + ticket.channel + ", priority " + ticket.priority
                            + (requester.contactCreated() ? ", contact created from the helpdesk" : "")));
            return null;
        });
        return view(ticket, Optional.of(subject), false, true);
    }

    private record Requester(PersonId person, boolean contactCreated) {
    }

    /** The requester by person id, or by e-mail through the contacts' blind index, creating an unknown sender. */
    private Requester requester(NewTicket draft, Optional<PersonId> customer, TicketId id, Instant now, Actor actor) {
        if (customer.isPresent()) {
            return new Requester(customer.get(), false);
        }
        if (draft.requester().isPresent()) {
            return new Requester(draft.requester().get(), false);
        }
        String email = draft.requesterEmail().map(String::strip).filter(e -> !e.isEmpty())
                .orElseThrow(() -> new ValidationException("requester", "give a person id or an e-mail address"));
        Contacts directory = contacts;
        if (directory == null) {
            throw new UnavailableException("The contacts module is not running: a ticket from an e-mail address "
                    + "cannot be linked to its sender now");
        }
        Actor intake = onBehalf(actor);
        Optional<Contact> known = directory.findByEmail(email, intake);
        if (known.isPresent()) {
            if (known.get().restricted()) {
                throw restricted(actor, "tickets.ticket.create", null, known.get().person());
            }
            return new Requester(known.get().person(), false);
        }
        ContactDraft contact = new ContactDraft(draft.requesterFirstName().orElse(null),
                draft.requesterLastName().orElse(null), email, null, null, null, null, null, null, null, null, null,
                null);
        Contact created = directory.create(contact, DataSource.helpdesk(id.value(), now), intake);
        return new Requester(created.person(), true);
    }

    private void recordConsents(Optional<TicketForm> form, PersonId person, Instant now, Actor actor) {
        if (form.isEmpty() || form.get().consents().isEmpty()) {
            return;
        }
        Consents service = consents;
        if (service == null) {
            throw new UnavailableException("The consent module is not running: the consents ticked on the form "
                    + "cannot be recorded, so the ticket was not opened");
        }
        TicketForm f = form.get();
        Actor subject = actor.channel() == Channel.PORTAL
                ? CustomerActor.of(person, actor.sourceAddress(), actor.sessionId()) : actor;
        for (FormConsent consent : f.consents()) {
            service.grant(person, consent.purpose(), ConsentProof.webForm(now, f.formName(), consent.textVersion(),
                    f.ipAddress().orElse(null), f.userAgent().orElse(null)), subject);
        }
    }

    private void setDueTimes(TicketRecord ticket) {
        ServiceLevels.Level level = serviceLevels.of(TicketPriority.valueOf(ticket.priority));
        ticket.firstResponseDue = ticket.createdAt.plus(level.firstResponse());
        ticket.resolutionDue = ticket.createdAt.plus(level.resolution());
    }

    private MessageRecord message(TicketRecord ticket, MessageKind kind, String author, String body, int seq,
            Instant now) {
        MessageRecord m = new MessageRecord();
        m.id = UUID.randomUUID().toString();
        m.ticketId = ticket.id;
        m.personId = ticket.personId;
        m.kind = kind.name();
        m.author = author;
        m.body = sealing.seal(PersonId.parse(ticket.personId), m.id, Sealing.BODY, body);
        m.createdAt = now;
        m.seq = seq;
        return m;
    }

    private List<AttachmentRecord> attachmentRecords(TicketRecord ticket, MessageRecord message,
            List<Attachment> files) {
        List<AttachmentRecord> records = new ArrayList<>();
        PersonId person = PersonId.parse(ticket.personId);
        for (int i = 0; i < files.size(); i++) {
            Attachment file = files.get(i);
            AttachmentRecord a = new AttachmentRecord();
            a.id = UUID.randomUUID().toString();
            a.messageId = message.id;
            a.ticketId = ticket.id;
            a.personId = ticket.personId;
            a.position = i;
            a.name = sealing.seal(person, a.id, Sealing.ATTACHMENT_NAME, file.name());
            a.contentType = file.contentType();
            a.size = file.size();
            a.content = sealing.sealBytes(person, a.id, Sealing.ATTACHMENT_CONTENT, file.content());
            records.add(a);
        }
        return records;
    }

    // ============================================================================================ reading

    @Override
    public TicketThread get(TicketId id, Actor actor) {
        actor(actor);
        String ticketId = id(id).value();
        if (actor.channel() == Channel.PORTAL) {
            throw deny(actor, "tickets.ticket.read", ticketId, null,
                    "customers see their tickets through the customer view");
        }
        return store.read(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            access.require(actor, Operation.READ, ticket);
            FieldAccessPlan plan = decisions.fields(actor, MODULE, TYPE, CATALOGUE, Purpose.VIEW);
            TicketThread thread = thread(em, ticket, true, plan, false);
            append(AuditEvent.builder(actor, "tickets.ticket.read").target(MODULE, TYPE, ticketId)
                    .person(person(ticket)).fields(readFields(plan)));
            return thread;
        });
    }

    @Override
    public TicketThread customerView(TicketId id, Actor actor) {
        actor(actor);
        String ticketId = id(id).value();
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        return store.read(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            if (customer.isPresent()) {
                if (!customer.get().toString().equals(ticket.personId)) {
                    throw deny(actor, "tickets.ticket.customer-view", ticketId, null,
                            "a customer sees their own tickets only");
                }
            } else if (actor.channel() == Channel.PORTAL) {
                throw deny(actor, "tickets.ticket.customer-view", ticketId, null, "the customer is not identified");
            } else {
                access.require(actor, Operation.READ, ticket);
            }
            if (ticket.anonymised) {
                throw new NotFoundException("Ticket", ticketId);
            }
            FieldAccessPlan plan = customer.isPresent() ? null
                    : decisions.fields(actor, MODULE, TYPE, CATALOGUE, Purpose.VIEW);
            // internal notes are left out by the query itself: they are never even decrypted for this view
            TicketThread thread = thread(em, ticket, false, plan, true);
            append(AuditEvent.builder(actor, "tickets.ticket.customer-view").target(MODULE, TYPE, ticketId)
                    .person(person(ticket)).fields("subject", "body", "attachments"));
            return thread;
        });
    }

    private static List<String> readFields(FieldAccessPlan plan) {
        return List.of("subject", "body", "attachments").stream().filter(plan::canRead).toList();
    }

    private static PersonId person(TicketRecord ticket) {
        return ticket.personId == null ? null : PersonId.parse(ticket.personId);
    }

    /** @param plan the actor's field access; null for the customer themself, who reads everything of their view */
    private TicketThread thread(EntityManager em, TicketRecord ticket, boolean withInternalNotes, FieldAccessPlan plan,
            boolean customerView) {
        boolean subject = plan == null || plan.canRead("subject");
        boolean body = plan == null || plan.canRead("body");
        boolean files = plan == null || plan.canRead("attachments");
        List<MessageRecord> messages = TicketStore.messages(em, ticket.id, withInternalNotes);
        Map<String, List<Attachment>> byMessage = new HashMap<>();
        if (files) {
            for (AttachmentRecord a : TicketStore.attachments(em, ticket.id)) {
                byMessage.computeIfAbsent(a.messageId, k -> new ArrayList<>())
                        .add(new Attachment(sealing.open(a.personId, a.id, Sealing.ATTACHMENT_NAME, a.name),
                                a.contentType, sealing.openBytes(a.personId, a.id, Sealing.ATTACHMENT_CONTENT,
                                        a.content)));
            }
        }
        List<TicketMessage> thread = new ArrayList<>();
        TicketId id = new TicketId(ticket.id);
        for (MessageRecord m : messages) {
            thread.add(new TicketMessage(m.id, id, MessageKind.valueOf(m.kind),
                    customerView ? Optional.empty() : Optional.ofNullable(m.author),
                    body ? Optional.ofNullable(sealing.open(m.personId, m.id, Sealing.BODY, m.body)) : Optional.empty(),
                    byMessage.getOrDefault(m.id, List.of()), m.createdAt));
        }
        Optional<String> subjectText = subject && ticket.subject != null
                ? Optional.of(sealing.open(ticket.personId, ticket.id, Sealing.SUBJECT, ticket.subject))
                : Optional.empty();
        return new TicketThread(view(ticket, subjectText, restrictedPerson(em, ticket.personId), !customerView),
                thread);
    }

    private Ticket view(TicketRecord t, Optional<String> subject, boolean restricted, boolean withAssignee) {
        Instant now = now();
        boolean firstBreached = (t.firstResponseAt == null ? now : t.firstResponseAt).isAfter(t.firstResponseDue);
        boolean resolutionBreached = (t.resolvedAt == null ? now : t.resolvedAt).isAfter(t.resolutionDue);
        return new Ticket(new TicketId(t.id), subject, TicketStatus.valueOf(t.status),
                TicketPriority.valueOf(t.priority), TicketChannel.valueOf(t.channel),
                withAssignee ? Optional.ofNullable(t.assignee) : Optional.empty(), Optional.ofNullable(t.team),
                Optional.ofNullable(t.personId).map(PersonId::parse), t.createdAt, t.updatedAt,
                Optional.ofNullable(t.firstResponseAt), Optional.ofNullable(t.resolvedAt),
                Optional.ofNullable(t.closedAt), t.firstResponseDue, t.resolutionDue, firstBreached,
                resolutionBreached, restricted, t.anonymised);
    }

    // ============================================================================================ changes

    /** Loads the ticket in a transaction, checks access and restriction, applies the change and audits it. */
    private <T> T change(TicketId id, Actor actor, Operation operation, String action, ChangeWork<T> work) {
        actor(actor);
        String ticketId = id(id).value();
        if (actor.channel() == Channel.PORTAL) {
            throw deny(actor, action, ticketId, null, "customers answer through the customer reply only");
        }
        return store.tx(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            access.require(actor, operation, ticket);
            refuseIfRestricted(em, actor, action, ticket);
            if (ticket.anonymised) {
                throw new ConflictException("Ticket " + ticketId + " was anonymised and cannot be changed");
            }
            AuditEvent.Builder event = AuditEvent.builder(actor, action).target(MODULE, TYPE, ticketId)
                    .person(person(ticket));
            T result = work.apply(em, ticket, event);
            ticket.updatedAt = now();
            em.flush();
            append(event);
            return result;
        });
    }

    @FunctionalInterface
    private interface ChangeWork<T> {
        T apply(EntityManager em, TicketRecord ticket, AuditEvent.Builder event);
    }

    @Override
    public TicketMessage reply(TicketId id, String text, List<Attachment> attachments, boolean internal, Actor actor) {
        String body = text("text", text, MAX_TEXT);
        List<Attachment> files = attachments(attachments);
        MessageKind kind = internal ? MessageKind.INTERNAL_NOTE : MessageKind.AGENT;
        Instant now = now();
        TicketMessage added = change(id, actor, Operation.EDIT, "tickets.message.add", (em, ticket, event) -> {
            refuseClosed(ticket);
            MessageRecord m = message(ticket, kind, actor.userId(), body, TicketStore.nextSeq(em, ticket.id), now);
            em.persist(m);
            attachmentRecords(ticket, m, files).forEach(em::persist);
            if (!internal) {
                if (ticket.firstResponseAt == null) {
                    ticket.firstResponseAt = now;
                }
                if (TicketStatus.NEW.name().equals(ticket.status)) {
                    ticket.status = TicketStatus.OPEN.name();
                }
            }
            event.fields(files.isEmpty() ? List.of("body") : List.of("body", "attachments"))
                    .details(internal ? "internal note" : "agent answer");
            return new TicketMessage(m.id, new TicketId(ticket.id), kind, Optional.of(actor.userId()),
                    Optional.of(body), files, now);
        });
        if (!internal && config.mailReplies()) {
            mailAnswer(added, body, actor);
        }
        return added;
    }

    private static void refuseClosed(TicketRecord ticket) {
        if (TicketStatus.CLOSED.name().equals(ticket.status)) {
            throw new ConflictException("Ticket " + ticket.id + " is closed; a new question opens a new ticket");
        }
    }

    /** Queues the answer for the requester; the answer stays stored whatever the outbox says. */
    private void mailAnswer(TicketMessage added, String body, Actor actor) {
        ReplyMailer sender = mailer;
        Contacts directory = contacts;
        if (sender == null || directory == null) {
            return;
        }
        try {
            TicketRecord ticket = store.read(em -> em.find(TicketRecord.class, added.ticket().value()));
            PersonId person = PersonId.parse(ticket.personId);
            Optional<Contact> contact = directory.byPerson(person, onBehalf(actor));
            if (contact.isEmpty() || contact.get().email() == null || contact.get().email().isBlank()) {
                return;
            }
            Locale language = contact.get().language() == null || contact.get().language().isBlank() ? Locale.ENGLISH
                    : Locale.forLanguageTag(contact.get().language());
            String subject = sealing.open(ticket.personId, ticket.id, Sealing.SUBJECT, ticket.subject);
            String mailId = sender.send(person, contact.get().email(), language, ticket.id, subject, body);
            append(AuditEvent.builder(actor, "tickets.message.mail").target(MODULE, TYPE, ticket.id).person(person)
                    .details("answer " + added.id() + " queued as mail " + mailId));
        } catch (StewardException e) {
            logger.warn("The answer {} of ticket {} was stored but not mailed: {}", added.id(), added.ticket(),
                    e.getMessage());
        }
    }

    @Override
    public TicketMessage customerReply(TicketId id, String text, List<Attachment> attachments, Actor actor) {
        actor(actor);
        String ticketId = id(id).value();
        String body = text("text", text, MAX_TEXT);
        List<Attachment> files = attachments(attachments);
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        Instant now = now();
        return store.tx(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            if (customer.isPresent()) {
                if (!customer.get().toString().equals(ticket.personId)) {
                    throw deny(actor, "tickets.message.add", ticketId, null, "a customer answers their own tickets only");
                }
            } else if (actor.channel() == Channel.PORTAL) {
                throw deny(actor, "tickets.message.add", ticketId, null, "the customer is not identified");
            } else {
                access.require(actor, Operation.EDIT, ticket);
            }
            refuseIfRestricted(em, actor, "tickets.message.add", ticket);
            if (ticket.anonymised) {
                throw new ConflictException("Ticket " + ticketId + " was anonymised and cannot be changed");
            }
            refuseClosed(ticket);
            MessageRecord m = message(ticket, MessageKind.CUSTOMER, null, body, TicketStore.nextSeq(em, ticket.id),
                    now);
            em.persist(m);
            attachmentRecords(ticket, m, files).forEach(em::persist);
            TicketStatus status = TicketStatus.valueOf(ticket.status);
            if (status == TicketStatus.SOLVED || status == TicketStatus.PENDING) {
                ticket.status = TicketStatus.OPEN.name();
                ticket.resolvedAt = null;
            }
            ticket.updatedAt = now;
            em.flush();
            append(AuditEvent.builder(actor, "tickets.message.add").target(MODULE, TYPE, ticketId)
                    .person(person(ticket)).fields(files.isEmpty() ? List.of("body") : List.of("body", "attachments"))
                    .details("customer message" + (status != TicketStatus.valueOf(ticket.status) ? ", reopened" : "")));
            return new TicketMessage(m.id, new TicketId(ticketId), MessageKind.CUSTOMER, Optional.empty(),
                    Optional.of(body), files, now);
        });
    }

    @Override
    public Ticket changeStatus(TicketId id, TicketStatus status, Actor actor) {
        if (status == null) {
            throw new ValidationException("status", "is required");
        }
        Instant now = now();
        return change(id, actor, Operation.EDIT, "tickets.ticket.status", (em, ticket, event) -> {
            TicketStatus from = TicketStatus.valueOf(ticket.status);
            if (!from.canMoveTo(status)) {
                throw new ConflictException("A " + from.name().toLowerCase(Locale.ROOT) + " ticket cannot become "
                        + status.name().toLowerCase(Locale.ROOT) + "; allowed: " + (from.next().isEmpty() ? "nothing"
                                : from.next().toString().toLowerCase(Locale.ROOT)));
            }
            ticket.status = status.name();
            if (status.resolved() && ticket.resolvedAt == null) {
                ticket.resolvedAt = now;
            } else if (!status.resolved()) {
                ticket.resolvedAt = null;
            }
            if (status == TicketStatus.CLOSED) {
                ticket.closedAt = now;
            }
            event.fields("status").details(from + " -> " + status);
            return view(ticket, Optional.empty(), false, true);
        });
    }

    @Override
    public Ticket assign(TicketId id, Optional<String> assignee, Optional<String> team, Actor actor) {
        Optional<String> newAssignee = assignee == null ? Optional.empty()
                : assignee.map(String::strip).filter(a -> !a.isEmpty());
        Optional<String> newTeam = team == null ? Optional.empty() : team.map(String::strip).filter(t -> !t.isEmpty());
        if (newTeam.isPresent()) {
            team(newTeam);
        }
        if (newAssignee.isPresent() && newAssignee.get().length() > 200) {
            throw new ValidationException("assignee", "is longer than 200 characters");
        }
        return change(id, actor, Operation.EDIT, "tickets.ticket.assign", (em, ticket, event) -> {
            ticket.assignee = newAssignee.orElse(null);
            newTeam.ifPresent(t -> ticket.team = t);
            event.fields(newTeam.isPresent() ? List.of("assignee", "team") : List.of("assignee"));
            return view(ticket, Optional.empty(), false, true);
        });
    }

    @Override
    public Ticket changePriority(TicketId id, TicketPriority priority, Actor actor) {
        if (priority == null) {
            throw new ValidationException("priority", "is required");
        }
        return change(id, actor, Operation.EDIT, "tickets.ticket.priority", (em, ticket, event) -> {
            String from = ticket.priority;
            ticket.priority = priority.name();
            setDueTimes(ticket);
            event.fields("priority").details(from + " -> " + priority);
            return view(ticket, Optional.empty(), false, true);
        });
    }

    @Override
    public void delete(TicketId id, Actor actor) {
        actor(actor);
        String ticketId = id(id).value();
        store.tx(em -> {
            TicketRecord ticket = TicketStore.ticket(em, ticketId);
            access.require(actor, Operation.DELETE, ticket);
            ticket.deletedAt = now();
            em.flush();
            append(AuditEvent.builder(actor, "tickets.ticket.delete").target(MODULE, TYPE, ticketId)
                    .person(person(ticket)).details("moved to the recycle bin"));
            return null;
        });
    }

    // ============================================================================================ search

    @Override
    public List<Ticket> search(TicketQuery query, Actor actor) {
        actor(actor);
        TicketQuery q = query == null ? TicketQuery.all() : query;
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        TeamAccess.Scope scope;
        if (customer.isPresent()) {
            if (q.person().isPresent() && !q.person().equals(customer)) {
                throw deny(actor, "tickets.ticket.search", null, null, "a customer searches their own tickets only");
            }
            q = q.person(customer.get());
            scope = null;
        } else if (actor.channel() == Channel.PORTAL) {
            throw deny(actor, "tickets.ticket.search", null, null, "the customer is not identified");
        } else {
            access.requireModule(actor, Operation.READ);
            scope = access.scope(actor);
        }
        TicketQuery criteria = q;
        List<Ticket> found = scope != null && scope.nothing() ? List.of() : store.read(em -> find(em, criteria,
                scope, customer.isPresent(), actor));
        List<String> used = new ArrayList<>();
        criteria.text().ifPresent(t -> used.add("text"));
        criteria.status().ifPresent(s -> used.add("status"));
        criteria.assignee().ifPresent(s -> used.add("assignee"));
        criteria.person().ifPresent(s -> used.add("person"));
        criteria.team().ifPresent(s -> used.add("team"));
        AuditEvent.Builder event = AuditEvent.builder(actor, "tickets.ticket.search").target(MODULE, TYPE)
                .details("criteria: " + (used.isEmpty() ? "none" : String.join(", ", used)) + "; " + found.size()
                        + " tickets");
        criteria.person().ifPresent(event::person);
        append(event);
        return found;
    }

    private List<Ticket> find(EntityManager em, TicketQuery q, TeamAccess.Scope scope, boolean customer, Actor actor) {
        StringBuilder jpql = new StringBuilder("SELECT t FROM TicketRecord t WHERE t.deletedAt IS NULL");
        Map<String, Object> parameters = new LinkedHashMap<>();
        q.status().ifPresent(s -> {
            jpql.append(" AND t.status = :status");
            parameters.put("status", s.name());
        });
        q.assignee().ifPresent(a -> {
            jpql.append(" AND t.assignee = :assignee");
            parameters.put("assignee", a);
        });
        q.person().ifPresent(p -> {
            jpql.append(" AND t.personId = :person");
            parameters.put("person", p.toString());
        });
        q.team().ifPresent(t -> {
            jpql.append(" AND t.team = :team");
            parameters.put("team", t);
        });
        if (customer) {
            jpql.append(" AND t.anonymised = FALSE");
        }
        if (scope != null && !scope.visibility().allRecords()) {
            List<String> any = new ArrayList<>();
            if (!scope.visibility().ownerUserIds().isEmpty()) {
                any.add("t.assignee IN :owners");
                parameters.put("owners", List.copyOf(scope.visibility().ownerUserIds()));
            }
            if (!scope.visibility().sharedRecordIds().isEmpty()) {
                any.add("t.id IN :shared");
                parameters.put("shared", List.copyOf(scope.visibility().sharedRecordIds()));
            }
            if (!scope.teams().isEmpty()) {
                any.add("t.team IN :teams");
                parameters.put("teams", List.copyOf(scope.teams()));
            }
            jpql.append(" AND (").append(String.join(" OR ", any)).append(')');
        }
        jpql.append(" ORDER BY t.createdAt DESC, t.id");
        TypedQuery<TicketRecord> query = em.createQuery(jpql.toString(), TicketRecord.class);
        parameters.forEach(query::setParameter);
        FieldAccessPlan plan = customer ? null : decisions.fields(actor, MODULE, TYPE, CATALOGUE, Purpose.VIEW);
        boolean subjects = plan == null || plan.canRead("subject");
        if (q.text().isEmpty()) {
            query.setMaxResults(q.limit());
            return query.getResultList().stream().map(t -> view(t, subjects ? subject(t) : Optional.empty(),
                    false, !customer)).toList();
        }
        if (plan != null && !(plan.canRead("subject") && plan.canRead("body"))) {
            throw new AccessDeniedException("text search of tickets", "the profile may not read subjects and texts");
        }
        // a text search decrypts in memory: bounded to the newest candidates the other criteria leave
        query.setMaxResults(config.searchScanLimit());
        List<TicketRecord> candidates = query.getResultList();
        List<String> words = List.of(q.text().get().toLowerCase(Locale.ROOT).split("\\s+"));
        Map<String, List<MessageRecord>> messages = TicketStore.messages(em,
                candidates.stream().map(t -> t.id).toList(), !customer);
        List<Ticket> hits = new ArrayList<>();
        for (TicketRecord t : candidates) {
            if (hits.size() >= q.limit()) {
                break;
            }
            StringBuilder haystack = new StringBuilder();
            subject(t).ifPresent(s -> haystack.append(s).append('\n'));
            for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                haystack.append(sealing.open(m.personId, m.id, Sealing.BODY, m.body)).append('\n');
            }
            String lower = haystack.toString().toLowerCase(Locale.ROOT);
            if (words.stream().allMatch(lower::contains)) {
                hits.add(view(t, subject(t), false, !customer));
            }
        }
        if (candidates.size() >= config.searchScanLimit()) {
            logger.info("A ticket text search looked at the newest {} tickets only (searchScanLimit)",
                    config.searchScanLimit());
        }
        return hits;
    }

    private Optional<String> subject(TicketRecord t) {
        return t.subject == null ? Optional.empty()
                : Optional.of(sealing.open(t.personId, t.id, Sealing.SUBJECT, t.subject));
    }

    // ============================================================================================ self-service

    @Override
    public Contact updateOwnContact(PersonId person, Map<String, String> changes, Actor actor) {
        actor(actor);
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        if (customer.isEmpty() || !customer.get().equals(person)) {
            throw deny(actor, "tickets.contact.self-service", null, person,
                    "only the customer themself changes their details here");
        }
        if (changes == null || changes.isEmpty()) {
            throw new ValidationException("changes", "are required");
        }
        List<Violation> violations = new ArrayList<>();
        for (String field : changes.keySet()) {
            String name = field == null ? "" : field.strip();
            if (name.equalsIgnoreCase("email") || name.toLowerCase(Locale.ROOT).startsWith("email")) {
                violations.add(new Violation("email", "cannot be changed by the customer: the e-mail address "
                        + "identifies them; the helpdesk changes it after checking who asks"));
            } else if (!SELF_SERVICE_FIELDS.contains(name)) {
                violations.add(new Violation(name.isEmpty() ? "field" : name,
                        "is not a contact detail customers change themselves"));
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(v -> v.field().equals("email") ? 0 : 1));
            try {
                append(AuditEvent.builder(actor, "tickets.contact.self-service").target(MODULE, "contact")
                        .person(person).outcome(Outcome.DENIED)
                        .fields(violations.stream().map(Violation::field)
                                .filter(f -> f.matches("[\\p{L}\\p{N}_.\\-:/\\[\\]]{1,64}")).distinct().toList())
                        .details("refused: " + violations.size() + " field(s) not changeable by the customer"));
            } catch (StewardException e) {
                logger.error("A refusal could not be written to the audit log: {}", e.getMessage());
            }
            throw new ValidationException(violations);
        }
        if (store.read(em -> restrictedPerson(em, person.toString()))) {
            throw restricted(actor, "tickets.contact.self-service", null, person);
        }
        Contacts directory = contacts;
        if (directory == null) {
            throw new UnavailableException("The contacts module is not running: contact details cannot be changed now");
        }
        Actor delegated = onBehalf(actor);
        Contact contact = directory.byPerson(person, delegated)
                .orElseThrow(() -> new NotFoundException("Contact of person", person));
        if (contact.restricted()) {
            throw restricted(actor, "tickets.contact.self-service", null, person);
        }
        Contact updated = directory.update(contact.id(), changes, delegated);
        append(AuditEvent.builder(actor, "tickets.contact.self-service").target(Contacts.MODULE, "contact",
                contact.id().value()).person(person).fields(List.copyOf(changes.keySet()))
                .details("changed by the customer through the helpdesk"));
        return updated;
    }

    // ============================================================================================ personal data

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public DataDescription describe() {
        return new DataDescription(MODULE, List.of(new DataCategory("support conversations", List.of(
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
                        + config.closedRetentionMonths() + " months")));
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        actor(actor);
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        access.requireModule(actor, Operation.EXPORT);
        Redaction redaction = redactionFor(person, actor);
        PersonalDataExport export = store.read(em -> {
            List<ExportedRecord> records = new ArrayList<>();
            List<TicketRecord> tickets = TicketStore.ofPerson(em, person.toString());
            Map<String, List<MessageRecord>> messages = TicketStore.messages(em,
                    tickets.stream().map(t -> t.id).toList(), true);
            // names of the agents who took part, so that they can be removed from the texts
            List<String> agentNames = new ArrayList<>();
            for (TicketRecord t : tickets) {
                for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                    displayName(m.author).ifPresent(agentNames::add);
                }
                displayName(t.assignee).ifPresent(agentNames::add);
            }
            redaction.addNames(agentNames);
            List<String> texts = new ArrayList<>();
            for (TicketRecord t : tickets) {
                subject(t).ifPresent(texts::add);
                for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                    texts.add(sealing.open(m.personId, m.id, Sealing.BODY, m.body));
                }
            }
            redaction.addNames(otherContactNames(texts, redaction, person, actor));
            for (TicketRecord t : tickets) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("subject", subject(t).map(redaction::apply).orElse(""));
                fields.put("status", t.status.toLowerCase(Locale.ROOT));
                fields.put("priority", t.priority.toLowerCase(Locale.ROOT));
                fields.put("channel", t.channel.toLowerCase(Locale.ROOT));
                fields.put("createdAt", t.createdAt.toString());
                fields.put("firstResponseAt", t.firstResponseAt == null ? "" : t.firstResponseAt.toString());
                fields.put("resolvedAt", t.resolvedAt == null ? "" : t.resolvedAt.toString());
                fields.put("closedAt", t.closedAt == null ? "" : t.closedAt.toString());
                fields.put("deleted", t.deletedAt != null);
                records.add(new ExportedRecord("support conversations", "ticket", t.id, fields,
                        t.channel.toLowerCase(Locale.ROOT)));
                Map<String, List<AttachmentRecord>> files = new HashMap<>();
                for (AttachmentRecord a : TicketStore.attachments(em, t.id)) {
                    files.computeIfAbsent(a.messageId, k -> new ArrayList<>()).add(a);
                }
                for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                    Map<String, Object> mf = new LinkedHashMap<>();
                    mf.put("ticketId", t.id);
                    mf.put("kind", m.kind.toLowerCase(Locale.ROOT).replace('_', ' '));
                    mf.put("from", MessageKind.CUSTOMER.name().equals(m.kind) ? "you" : "helpdesk agent");
                    mf.put("createdAt", m.createdAt.toString());
                    mf.put("text", redaction.apply(sealing.open(m.personId, m.id, Sealing.BODY, m.body)));
                    List<AttachmentRecord> attached = files.getOrDefault(m.id, List.of());
                    for (int i = 0; i < attached.size(); i++) {
                        AttachmentRecord a = attached.get(i);
                        mf.put("attachments[" + i + "].name",
                                redaction.apply(sealing.open(a.personId, a.id, Sealing.ATTACHMENT_NAME, a.name)));
                        mf.put("attachments[" + i + "].contentType", a.contentType);
                        mf.put("attachments[" + i + "].size", a.size);
                        mf.put("attachments[" + i + "].base64", java.util.Base64.getEncoder()
                                .encodeToString(sealing.openBytes(a.personId, a.id, Sealing.ATTACHMENT_CONTENT,
                                        a.content)));
                    }
                    records.add(new ExportedRecord("support conversations", "message", m.id, mf, ""));
                }
            }
            return new PersonalDataExport(MODULE, records);
        });
        append(AuditEvent.builder(actor, "tickets.export").target(MODULE, TYPE).person(person)
                .fields("subject", "body", "attachments").details(export.records().size()
                        + " records for a subject-access request; other people's data removed"));
        return export;
    }

    private Optional<String> displayName(String userId) {
        UserDirectory directory = users;
        if (userId == null || directory == null) {
            return Optional.empty();
        }
        try {
            User user = directory.get(userId);
            return Optional.ofNullable(user == null ? null : user.displayName());
        } catch (StewardException e) {
            return Optional.empty(); // a console user, a removed agent
        }
    }

    /** The subject's own e-mail, phones and names from their contact; nothing of theirs is known without contacts. */
    private Redaction redactionFor(PersonId person, Actor actor) {
        Contacts directory = contacts;
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (directory != null) {
            try {
                directory.byPerson(person, onBehalf(actor)).ifPresent(c -> {
                    emails.add(c.email());
                    phones.add(c.phone());
                    phones.add(c.mobile());
                    names.add(c.firstName());
                    names.add(c.lastName());
                });
            } catch (StewardException e) {
                logger.warn("The contact of a person could not be read for an export; every e-mail address and phone "
                        + "number in the tickets is removed: {}", e.getMessage());
            }
        }
        return new Redaction(emails.stream().filter(v -> v != null).toList(),
                phones.stream().filter(v -> v != null).toList(), names.stream().filter(v -> v != null).toList(),
                List.of());
    }

    /** Capitalised word pairs in the texts that are the full name of another contact. */
    private List<String> otherContactNames(List<String> texts, Redaction redaction, PersonId person, Actor actor) {
        Contacts directory = contacts;
        if (directory == null) {
            return List.of();
        }
        Set<String> candidates = new java.util.LinkedHashSet<>();
        texts.forEach(t -> candidates.addAll(redaction.nameCandidates(t)));
        List<String> names = new ArrayList<>();
        Actor delegated = onBehalf(actor);
        for (String candidate : candidates) {
            if (names.size() >= 200) {
                break;
            }
            try {
                for (Contact c : directory.find(candidate, 5, delegated)) {
                    String full = ((c.firstName() == null ? "" : c.firstName()) + " "
                            + (c.lastName() == null ? "" : c.lastName())).trim();
                    if (!person.equals(c.person()) && !full.isEmpty()
                            && candidate.toLowerCase(Locale.ROOT).contains(full.toLowerCase(Locale.ROOT))) {
                        names.add(full);
                    }
                }
            } catch (StewardException e) {
                logger.warn("A name in a ticket could not be looked up among the contacts: {}", e.getMessage());
            }
        }
        return names;
    }

    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        actor(actor);
        if (corrections == null || corrections.isEmpty()) {
            return 0;
        }
        List<Violation> violations = new ArrayList<>();
        for (String field : corrections.keySet()) {
            violations.add(new Violation(field == null || field.isBlank() ? "field" : field,
                    CATALOGUE.containsKey(field) ? "a conversation is corrected by adding a message to the ticket, "
                            + "not by rewriting what was said" : "is not held by the tickets module"));
        }
        throw new ValidationException(violations);
    }

    @Override
    public void restrict(PersonId person, boolean restricted, Actor actor) {
        actor(actor);
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        access.requireModule(actor, Operation.ERASE);
        store.tx(em -> {
            RestrictionRecord lock = em.find(RestrictionRecord.class, person.toString());
            if (restricted && lock == null) {
                em.persist(new RestrictionRecord(person.toString(), now()));
            } else if (!restricted && lock != null) {
                em.remove(lock);
            }
            em.flush();
            append(AuditEvent.builder(actor, restricted ? "tickets.restrict" : "tickets.unrestrict")
                    .target(MODULE, TYPE).person(person).details(restricted == (lock != null) ? "unchanged"
                            : restricted ? "processing restricted (Art. 18)" : "restriction lifted"));
            return null;
        });
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return person != null && store.read(em -> restrictedPerson(em, person.toString()));
    }

    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        actor(actor);
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        access.requireModule(actor, Operation.ERASE);
        Instant now = now();
        List<String> deleted = new ArrayList<>();
        int anonymised = store.tx(em -> {
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
            RestrictionRecord lock = em.find(RestrictionRecord.class, person.toString());
            if (lock != null) {
                em.remove(lock);
            }
            em.flush();
            append(AuditEvent.builder(actor, "tickets.erase").target(MODULE, TYPE).person(person)
                    .details("erasure (" + (eraseDeletes ? "delete" : "anonymise") + "): " + deleted.size()
                            + " deleted, " + count + " anonymised"));
            return count;
        });
        unshare(deleted);
        return new ErasureOutcome(deleted.size(), anonymised, List.of());
    }

    /** Drops the sharing rules of deleted tickets; a failure leaves rules on ids that no longer exist, harmless. */
    private void unshare(List<String> ticketIds) {
        for (String id : ticketIds) {
            try {
                administration.unshareRecord(Actor.system(), MODULE, TYPE, id);
            } catch (StewardException e) {
                logger.warn("The sharing rules of deleted ticket {} could not be removed: {}", id, e.getMessage());
            }
        }
    }

    // ============================================================================================ retention

    @Override
    public List<RetentionCategory> categories() {
        return List.of(new RetentionCategory(CLOSED_CATEGORY, "Closed tickets, counted from their closing time",
                retentionRecycles ? RetentionCategory.Action.RECYCLE : RetentionCategory.Action.ANONYMISE,
                Math.max(0, config.closedRetentionMonths())));
    }

    @Override
    public RetentionResult expire(String category, Instant cutoff, boolean dryRun, Actor actor) {
        actor(actor);
        if (!CLOSED_CATEGORY.equals(category)) {
            throw new ValidationException("category", "the tickets module has only '" + CLOSED_CATEGORY + "'");
        }
        if (cutoff == null) {
            throw new ValidationException("cutoff", "is required");
        }
        access.requireModule(actor, Operation.DELETE);
        List<String> due = store.read(em -> em.createQuery("SELECT t.id FROM TicketRecord t WHERE t.status = :closed "
                + "AND t.closedAt < :cutoff AND t.deletedAt IS NULL AND t.anonymised = FALSE ORDER BY t.closedAt",
                String.class).setParameter("closed", TicketStatus.CLOSED.name()).setParameter("cutoff", cutoff)
                .getResultList());
        if (!dryRun) {
            Instant now = now();
            for (String id : due) {
                // one ticket per transaction: an interrupted run resumes with what is left
                store.tx(em -> {
                    TicketRecord ticket = em.find(TicketRecord.class, id);
                    if (ticket == null || ticket.deletedAt != null || ticket.anonymised) {
                        return null;
                    }
                    PersonId person = person(ticket);
                    if (retentionRecycles) {
                        ticket.deletedAt = now;
                    } else {
                        TicketStore.anonymise(em, ticket, now);
                    }
                    em.flush();
                    append(AuditEvent.builder(actor, "tickets.retention.expire").target(MODULE, TYPE, id)
                            .person(person).details(CLOSED_CATEGORY + ": " + (retentionRecycles
                                    ? "moved to the recycle bin" : "anonymised")));
                    return null;
                });
            }
        }
        return new RetentionResult(MODULE, CLOSED_CATEGORY, due.size(), due.subList(0, Math.min(1000, due.size())),
                dryRun);
    }

    @Override
    public RetentionResult purgeRecycleBin(Instant deletedBefore, boolean dryRun, Actor actor) {
        actor(actor);
        if (deletedBefore == null) {
            throw new ValidationException("deletedBefore", "is required");
        }
        access.requireModule(actor, Operation.DELETE);
        List<String> due = store.read(em -> em.createQuery("SELECT t.id FROM TicketRecord t WHERE t.deletedAt "
                + "IS NOT NULL AND t.deletedAt < :before ORDER BY t.deletedAt", String.class)
                .setParameter("before", deletedBefore).getResultList());
        if (!dryRun) {
            for (String id : due) {
                store.tx(em -> {
                    TicketRecord ticket = em.find(TicketRecord.class, id);
                    if (ticket == null) {
                        return null;
                    }
                    PersonId person = person(ticket);
                    TicketStore.delete(em, ticket);
                    em.flush();
                    append(AuditEvent.builder(actor, "tickets.recycle-bin.purge").target(MODULE, TYPE, id)
                            .person(person).details("deleted for good from the recycle bin"));
                    return null;
                });
            }
            unshare(due);
        }
        return new RetentionResult(MODULE, RetentionResult.RECYCLE_BIN, due.size(),
                due.subList(0, Math.min(1000, due.size())), dryRun);
    }
}
