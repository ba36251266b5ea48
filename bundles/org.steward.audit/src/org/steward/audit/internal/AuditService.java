package org.steward.audit.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.audit.AuditVerification;
import org.steward.audit.VerificationProgress;
import org.steward.core.DataDirectory;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManagerFactory;

/**
 * The audit log on the module's own persistence unit: validates what is asked, hands appends to the
 * {@link AuditWriter}, reads through {@link AuditSearch} and verifies through {@link ChainVerifier}.
 */
@Component(service = AuditLog.class, immediate = true, configurationPid = AuditConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AuditConfiguration.class)
public final class AuditService implements AuditLog {

    static final String UNIT = "audit";
    static final int SCHEMA_VERSION = 1;
    static final String SUBJECT = "the audit database";

    private final Logger logger;
    private final EntityManagerFactory factory;
    private final Transactions tx;
    private final Anchors anchors;
    private final int pageSize;
    private final AuditWriter writer;
    private final AuditSearch search;

    /** The time of new entries; a test's simulated clock outranks core's system clock. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public AuditService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference DataDirectory dataDirectory, BundleContext context,
            AuditConfiguration config) {
        this.logger = logger;
        this.pageSize = Math.max(10, config.verifyPageSize());
        try {
            this.anchors = new Anchors(dataDirectory.area("audit").resolve("anchors"), persistence.info().url());
            this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
        } catch (RuntimeException e) {
            throw explained(logger, e);
        }
        this.tx = Transactions.of(factory, SUBJECT);
        this.search = new AuditSearch(tx);
        // the clock field is bound after construction, before any caller can reach append
        this.writer = new AuditWriter(logger, tx, anchors, () -> clock.instant(), config);
        try {
            logger.info("Audit log ready at entry {}", writer.start().lastSeq());
        } catch (RuntimeException e) {
            factory.close();
            throw explained(logger, e instanceof StewardException s ? s
                    : new UnavailableException("Cannot read the audit log's head (" + e.getClass().getSimpleName()
                            + ")"));
        }
    }

    private static RuntimeException explained(Logger logger, RuntimeException e) {
        logger.error("The audit log cannot start: {}", e.toString(), e);
        return e;
    }

    @Deactivate
    void deactivate() {
        writer.close();
        factory.close();
        AuditEntry last = writer.lastWritten();
        logger.info("Audit log stopped{}", last == null ? "" : " at entry " + last.seq());
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        if (event == null) {
            throw new ValidationException("event", "is required");
        }
        event.validate();
        return writer.append(List.of(event)).get(0);
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        if (events == null) {
            throw new ValidationException("events", "is required");
        }
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            if (event == null) {
                throw new ValidationException("events[" + i + "]", "is required");
            }
            int position = i;
            List<Violation> violations = event.violations().stream()
                    .map(v -> new Violation("events[" + position + "]." + v.field(), v.reason())).toList();
            if (!violations.isEmpty()) {
                throw new ValidationException(violations);
            }
        }
        return writer.append(events);
    }

    @Override
    public AuditPage query(AuditQuery query) {
        if (query == null) {
            throw new ValidationException("query", "is required");
        }
        return search.query(query);
    }

    @Override
    public Optional<AuditEntry> latest() {
        return search.latest();
    }

    @Override
    public AuditVerification verify(long fromSeq, long toSeq, VerificationProgress progress) {
        if (fromSeq < 1) {
            throw new ValidationException("fromSeq", "must be 1 or more");
        }
        if (toSeq < fromSeq) {
            throw new ValidationException("toSeq", "must not be below fromSeq");
        }
        try {
            return new ChainVerifier(tx, anchors, pageSize).verify(fromSeq, toSeq,
                    progress == null ? VerificationProgress.NONE : progress);
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            logger.error("Cannot verify the audit log: {}", e.getClass().getSimpleName());
            throw new UnavailableException("Cannot verify the audit log: it failed (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
