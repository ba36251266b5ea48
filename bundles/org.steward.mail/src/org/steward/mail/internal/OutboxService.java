package org.steward.mail.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.encryption.FieldEncryption;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.MailTransport;
import org.steward.mail.OutgoingMail;
import org.steward.mail.SendingPolicy;

/**
 * The durable outbox. {@link #enqueue} stores the mail (content encrypted under the person's key) and commits before
 * it returns; {@link MailDelivery} delivers due mail every few seconds and right after a mail is queued.
 *
 * <p>The outbox keeps its own sender thread instead of the shared {@code org.steward.core.Scheduler}: a delivery
 * pass blocks on the mail relay (connect and reply timeouts, up to a hundred mails a batch, minutes for a backlog),
 * which would hold one of the two threads every module's schedule shares; and stopping must let a delivery in flight
 * finish its bookkeeping, where the scheduler's cancel interrupts it (an interrupt can break Derby's connection).
 */
@Component(service = { MailOutbox.class, OutboxService.class }, immediate = true,
        configurationPid = MailConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MailConfiguration.class)
public final class OutboxService implements MailOutbox {

    static final String MODULE = OutboxAudit.MODULE;
    static final String TYPE = OutboxAudit.TYPE;

    private final Logger logger;
    private final MailStore store;
    private final OutboxAudit audit;
    private final MailSealing sealing;
    private final SendingPolicies policies = new SendingPolicies();
    private final OutboxQueries queries;
    private final MailDelivery delivery;
    private volatile MailConfiguration config;
    private volatile ScheduledExecutorService sender;

    @Activate
    public OutboxService(@Reference(service = LoggerFactory.class) Logger logger, @Reference MailStore store,
            @Reference FieldEncryption encryption, @Reference AuditLog audit, MailConfiguration config) {
        this.logger = logger;
        this.store = store;
        this.audit = new OutboxAudit(audit, logger);
        this.sealing = new MailSealing(encryption);
        this.queries = new OutboxQueries(store);
        checked(config);
        this.config = config;
        this.delivery = new MailDelivery(logger, store, policies, sealing, this.audit, () -> this.config,
                () -> this.config.from(), this::stopping);
    }

    private MailConfiguration checked(MailConfiguration config) {
        try {
            MailHeaders.requireAddress("from", config.from());
            return config;
        } catch (ValidationException e) {
            logger.error("The mail outbox cannot use its configuration: setting {}", e.getMessage());
            throw e;
        }
    }

    /** New settings apply in place, so that callers keep their outbox; the sender restarts with the new interval. */
    @Modified
    void modified(MailConfiguration changed) throws InterruptedException {
        checked(changed);
        stop();
        this.config = changed;
        start();
    }

    @Activate
    void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "steward-mail-sender");
            thread.setDaemon(true);
            return thread;
        });
        sender = executor;
        executor.scheduleWithFixedDelay(this::backgroundPass, 1, Math.max(1, config.pollSeconds()), TimeUnit.SECONDS);
        logger.info("Mail outbox ready: transport {}, {} mail queued", config.transport(), queued());
    }

    @Deactivate
    void stop() throws InterruptedException {
        ScheduledExecutorService executor = sender;
        sender = null;
        if (executor != null) {
            executor.shutdown();
            // a delivery in flight finishes its bookkeeping (an interrupt could break the database connection);
            // the lease covers a mail whose bookkeeping did not finish
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransport(MailTransport transport, Map<String, Object> properties) {
        delivery.addTransport(transport, String.valueOf(properties.get(MailTransport.NAME_PROPERTY)));
    }

    void removeTransport(MailTransport transport) {
        delivery.removeTransport(transport);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPolicy(SendingPolicy policy) {
        policies.add(policy);
    }

    void removePolicy(SendingPolicy policy) {
        policies.remove(policy);
    }

    private boolean stopping() {
        ScheduledExecutorService executor = sender;
        return executor == null || executor.isShutdown();
    }

    MailConfiguration configuration() {
        return config;
    }

    /** Runs a delivery pass on the sender thread soon; a stopped outbox delivers at its next start. */
    private void wake() {
        ScheduledExecutorService executor = sender;
        if (executor != null) {
            try {
                executor.execute(this::backgroundPass);
            } catch (RuntimeException stopping) {
                // the next start delivers it
            }
        }
    }

    private void backgroundPass() {
        try {
            delivery.deliverDue();
        } catch (RuntimeException e) {
            logger.error("The mail sender pass failed: {}", Redaction.describe(e), e);
        }
    }

    // ---------------------------------------------------------------- enqueue

    @Override
    public MailId enqueue(OutgoingMail mail) {
        return enqueue(mail, Actor.system());
    }

    @Override
    public MailId enqueue(OutgoingMail mail, Actor actor) {
        MailHeaders.requireAddress("to", mail.to());
        MailHeaders.validate(mail.headers());
        if (mail.purpose().length() > 100 || mail.template().length() > 100) {
            throw new ValidationException(mail.purpose().length() > 100 ? "purpose" : "template",
                    "is longer than 100 characters");
        }
        Optional<String> refusal = policies.refusal(mail.person(), mail.purpose());
        if (refusal.isPresent()) {
            AuditEvent.Builder event = AuditEvent.builder(actor, "mail.refused").target(MODULE, TYPE)
                    .outcome(Outcome.DENIED).details(OutboxAudit.details(mail) + "; " + refusal.get());
            mail.person().ifPresent(event::person);
            audit.log().append(event.build());
            throw new MailRefusedException(refusal.get());
        }
        String id = UUID.randomUUID().toString();
        Instant now = store.now();
        MailRecord row = new MailRecord();
        row.id = id;
        row.personId = mail.person().map(PersonId::toString).orElse(null);
        row.purpose = mail.purpose();
        row.template = mail.template().isEmpty() ? null : mail.template();
        row.state = MailState.QUEUED.name();
        row.queuedMicros = MailStore.micros(now);
        row.nextMicros = row.queuedMicros;
        row.messageId = "<" + id + "@" + MailHeaders.domain(config.from()) + ">";
        sealing.seal(row, mail);
        store.tx().run(em -> em.persist(row));
        AuditEvent.Builder event = AuditEvent.builder(actor, "mail.enqueue").target(MODULE, TYPE, id)
                .fields(mail.htmlBody().isPresent() ? List.of("to", "subject", "textBody", "htmlBody")
                        : List.of("to", "subject", "textBody"))
                .details(OutboxAudit.details(mail));
        mail.person().ifPresent(event::person);
        audit.log().append(event.build());
        logger.debug("Mail {} queued ({})", id, OutboxAudit.details(mail));
        wake();
        return new MailId(id);
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<MailStatus> status(MailId id) {
        return queries.status(id);
    }

    @Override
    public List<MailStatus> forPerson(PersonId person) {
        return queries.forPerson(person);
    }

    @Override
    public int queued() {
        return queries.queued();
    }

    OutboxQueries.Summary summary() {
        return queries.summary();
    }

    @Override
    public int deliverDue() {
        return delivery.deliverDue();
    }

    /**
     * Queues a mail again at once: a FAILED mail whose content is still kept (its attempts start over), or a QUEUED
     * one waiting for its next attempt.
     */
    MailStatus retry(MailId id, Actor actor) {
        MailRecord updated = store.tx().write(em -> {
            MailRecord row = em.find(MailRecord.class, id.value());
            if (row == null) {
                throw new NotFoundException("Mail", id);
            }
            MailState state = MailState.valueOf(row.state);
            if (state == MailState.SENT || state == MailState.CANCELLED || !row.hasContent()) {
                throw new ConflictException("Mail " + id + " is " + state.name().toLowerCase()
                        + " and its content is gone; it cannot be sent again.");
            }
            if (state == MailState.FAILED) {
                row.attempts = 0;
                row.doneMicros = null;
            }
            row.state = MailState.QUEUED.name();
            row.nextMicros = MailStore.micros(store.now());
            return row;
        });
        audit.of(actor, "mail.retry", updated, Outcome.SUCCESS, "queued again by request");
        wake();
        return OutboxQueries.status(updated);
    }
}
