package org.steward.consent.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentPurpose;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.consent.Consents;
import org.steward.consent.DataSubjects;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.ValidationException;
import org.steward.encryption.FieldEncryption;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;
import org.steward.persistence.DatabaseErrors;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.RestrictionLocks;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * The module's persistence unit and what every consent service shares: its transactions, the clock, the restriction
 * locks, the permission check (staff or the person themself), audit, encryption of proof values and link tokens.
 * Internal: registered under its own class so that the consent components share one unit.
 */
@Component(service = ConsentStore.class, immediate = true)
public final class ConsentStore {

    static final String UNIT = "steward.consent";
    static final int SCHEMA_VERSION = 1;
    static final String DATABASE = "the consent database";
    /** Same table and shape as before the shared locks (CONSENT_RESTRICTION: PERSON_ID, SINCE TIMESTAMP). */
    static final RestrictionLocks LOCKS = RestrictionLocks.of("CONSENT");
    static final String MODULE = Consents.MODULE;
    static final String RECORD_TYPE = "consent";
    static final String IP = "ipAddress";
    static final String USER_AGENT = "userAgent";
    static final String CONFIRM_IP = "confirmIpAddress";
    static final String CONFIRM_USER_AGENT = "confirmUserAgent";
    static final int MAX_IP = 64;
    static final int MAX_USER_AGENT = 512;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Logger logger;
    private final AuditLog audit;
    private final AccessDecisions access;
    private final FieldEncryption encryption;
    private final EntityManagerFactory factory;
    private final Transactions db;
    private final SecureRandom random = new SecureRandom();

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public ConsentStore(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference AuditLog audit, @Reference AccessDecisions access,
            @Reference FieldEncryption encryption, BundleContext context) {
        this.logger = logger;
        this.audit = audit;
        this.access = access;
        this.encryption = encryption;
        try {
            this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
            try (Connection c = persistence.dataSource().getConnection()) {
                LOCKS.createIfMissing(c);
            }
        } catch (SQLException e) {
            RuntimeException failure = DatabaseErrors.translate(e, DATABASE);
            logger.error("The consent module cannot start: {}", failure.getMessage());
            throw failure;
        } catch (RuntimeException e) {
            logger.error("The consent module cannot start: {}", e.toString(), e);
            throw e;
        }
        this.db = Transactions.of(factory, DATABASE);
        try {
            db.run(PurposeSeeds::seed);
        } catch (RuntimeException e) {
            factory.close();
            logger.error("The consent purposes could not be seeded: {}", e.toString(), e);
            throw e;
        }
        logger.info("Consent module ready");
    }

    @Deactivate
    void deactivate() {
        factory.close();
    }

    Logger logger() {
        return logger;
    }

    Instant now() {
        return clock.instant();
    }

    /** The module's transactions. */
    Transactions db() {
        return db;
    }

    // ----------------------------------------------------------------------------------------------- access

    /**
     * Staff need the operation on module consent; the person themself (a portal actor for that person) may handle
     * their own consent. Refusals are audited by the permissions service.
     */
    void requireAccess(Actor actor, Operation operation, PersonId person) {
        if (actor == null) {
            throw new ValidationException("actor", "is required");
        }
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        if (DataSubjects.isSelf(actor, person)) {
            return;
        }
        access.require(actor, operation, RecordRef.unowned(MODULE, RECORD_TYPE, person.toString()));
    }

    /** Module-wide operations (defining purposes and lists). */
    void requireModule(Actor actor, Operation operation) {
        if (actor == null) {
            throw new ValidationException("actor", "is required");
        }
        access.require(actor, operation, MODULE, Optional.empty());
    }

    boolean isRestricted(PersonId person) {
        return db.read(em -> LOCKS.isRestricted(em, person));
    }

    static boolean isRestricted(EntityManager em, PersonId person) {
        return LOCKS.isRestricted(em, person);
    }

    /** Refuses a restricted person, with an audited refusal. */
    void refuseIfRestricted(EntityManager em, PersonId person, Actor actor, String action) {
        if (isRestricted(em, person)) {
            throw refuseRestricted(person, actor, action);
        }
    }

    /** The audited refusal of processing a restricted person, for the caller to throw. */
    ProcessingRestrictedException refuseRestricted(PersonId person, Actor actor, String action) {
        return audit.refuseRestricted(actor, action, MODULE, RECORD_TYPE, person.toString(), person);
    }

    void audit(AuditEvent event) {
        audit.append(event);
    }

    void audit(Actor actor, String action, String type, String id, PersonId person, String details,
            String... fields) {
        AuditEvent.Builder builder = AuditEvent.builder(actor, action).target(MODULE, type, id).details(details)
                .fields(fields);
        if (person != null) {
            builder.person(person);
        }
        audit.append(builder.build());
    }

    // ------------------------------------------------------------------------------------------- encryption

    String encrypt(PersonId person, String recordId, String field, Optional<String> value, int max) {
        if (value == null || value.isEmpty() || value.get().isBlank()) {
            return null;
        }
        String text = value.get().strip();
        if (text.length() > max) {
            text = text.substring(0, max);
        }
        return encryption.encrypt(person, recordId, field, text);
    }

    Optional<String> decrypt(PersonId person, String recordId, String field, String ciphertext) {
        if (ciphertext == null) {
            return Optional.empty();
        }
        return Optional.of(encryption.decrypt(person, recordId, field, ciphertext).orElse("[erased]"));
    }

    // ---------------------------------------------------------------------------------------------- names

    static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String name = value.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException(field, "must be 1 to 64 lower-case letters, digits or '-'");
        }
        return name;
    }

    /** The purpose's stored name: the mail module's {@code service} is service communication. */
    static String purposeName(String value) {
        String name = name("purpose", value);
        return "service".equals(name) ? ConsentPurpose.SERVICE_COMMUNICATION : name;
    }

    static PurposeRecord requirePurpose(EntityManager em, String purpose) {
        PurposeRecord record = em.find(PurposeRecord.class, purposeName(purpose));
        if (record == null) {
            throw new ValidationException("purpose", "is not a known purpose (consent:purposes lists them)");
        }
        return record;
    }

    static ConsentPurpose toPurpose(PurposeRecord r) {
        return new ConsentPurpose(r.name, r.description, r.needsConsent, r.currentVersion, r.builtIn);
    }

    // ------------------------------------------------------------------------------------------- consents

    static long nextSeq(EntityManager em, String entity, PersonId person) {
        Long max = em.createQuery("SELECT MAX(r.seq) FROM " + entity + " r WHERE r.personId = :p", Long.class)
                .setParameter("p", person.toString()).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    static Optional<ConsentEventRecord> current(EntityManager em, PersonId person, String purpose) {
        List<ConsentEventRecord> found = em.createQuery("SELECT r FROM ConsentEventRecord r WHERE r.personId = :p "
                + "AND r.purpose = :u ORDER BY r.seq DESC", ConsentEventRecord.class)
                .setParameter("p", person.toString()).setParameter("u", purpose).setMaxResults(1).getResultList();
        return found.stream().findFirst();
    }

    /** Adds one consent event; the proof's IP address and user agent are encrypted under the person's key. */
    ConsentEventRecord addEvent(EntityManager em, PersonId person, String purpose, ConsentState state,
            ConsentProof proof, Instant confirmedAt, Actor actor) {
        ConsentEventRecord r = new ConsentEventRecord();
        r.id = java.util.UUID.randomUUID().toString();
        r.seq = nextSeq(em, "ConsentEventRecord", person);
        r.personId = person.toString();
        r.purpose = purpose;
        r.state = state.name();
        r.proofAt = proof.at();
        r.channel = proof.channel().name();
        r.formName = limit(proof.formName(), 200);
        r.textVersion = proof.textVersion();
        r.ipEncrypted = encrypt(person, r.id, IP, proof.ipAddress(), MAX_IP);
        r.userAgentEncrypted = encrypt(person, r.id, USER_AGENT, proof.userAgent(), MAX_USER_AGENT);
        r.confirmedAt = confirmedAt;
        r.recordedAt = now();
        r.recordedBy = limit(actor.userId(), 200);
        em.persist(r);
        return r;
    }

    /**
     * Records a withdrawal unless the consent is already withdrawn, and voids every open confirmation or request link
     * for the purpose, so an old link cannot grant again what was just withdrawn.
     */
    ConsentRecord withdrawIn(EntityManager em, PersonId person, String purpose, ConsentProof proof, Actor actor) {
        Optional<ConsentEventRecord> current = ConsentStore.current(em, person, purpose);
        em.createQuery("UPDATE TokenRecord t SET t.supersededAt = :now WHERE t.personId = :p AND t.subject = :u "
                + "AND t.kind IN ('CONFIRM', 'REQUEST') AND t.usedAt IS NULL AND t.supersededAt IS NULL")
                .setParameter("now", now()).setParameter("p", person.toString()).setParameter("u", purpose)
                .executeUpdate();
        if (current.isPresent() && ConsentState.WITHDRAWN.name().equals(current.get().state)) {
            return toRecord(current.get());
        }
        return toRecord(addEvent(em, person, purpose, ConsentState.WITHDRAWN, proof, null, actor));
    }

    ConsentRecord toRecord(ConsentEventRecord r) {
        PersonId person = PersonId.parse(r.personId);
        ConsentProof proof = new ConsentProof(r.proofAt, Channel.valueOf(r.channel), r.formName, r.textVersion,
                decrypt(person, r.id, IP, r.ipEncrypted), decrypt(person, r.id, USER_AGENT, r.userAgentEncrypted));
        return new ConsentRecord(r.id, person, r.purpose, ConsentState.valueOf(r.state), proof,
                Optional.ofNullable(r.confirmedAt), r.recordedAt, r.recordedBy);
    }

    static String limit(String text, int max) {
        String value = text == null ? "" : text.strip();
        return value.length() > max ? value.substring(0, max) : value;
    }

    // --------------------------------------------------------------------------------------------- tokens

    /** 256 random bits as Base64url text (43 characters). */
    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token; a malformed token hashes to nothing so it is simply unknown. */
    static Optional<String> tokenHash(String token) {
        if (token == null || !TOKEN.matcher(token.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(sha256(token.strip()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
