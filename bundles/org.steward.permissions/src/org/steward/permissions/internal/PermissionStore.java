package org.steward.permissions.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.StewardException;
import org.steward.permissions.Assignment;
import org.steward.permissions.FieldRule;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.Profile;
import org.steward.permissions.Role;
import org.steward.permissions.SharingRule;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManager;

/**
 * The permissions unit and the in-memory {@link Model} decisions are made from. Every change runs in one
 * transaction that also appends its audit entry before it commits, so that no change goes unaudited; the model is
 * rebuilt from the database right after the commit, and after the reload interval (other servers' changes).
 */
final class PermissionStore {

    static final String MODULE = PermissionAdministration.MODULE;

    private final Transactions transactions;
    private final AuditLog audit;
    private final Logger logger;
    private final long reloadNanos;
    private final Object writeLock = new Object();
    private volatile Model model;
    private volatile long loadedAt;

    PermissionStore(Transactions transactions, AuditLog audit, Logger logger, long reloadNanos) {
        this.transactions = transactions;
        this.audit = audit;
        this.logger = logger;
        this.reloadNanos = reloadNanos;
    }

    /** The model, reloaded first when the reload interval passed. */
    Model model() {
        if (reloadNanos > 0 && System.nanoTime() - loadedAt > reloadNanos) {
            synchronized (writeLock) {
                if (System.nanoTime() - loadedAt > reloadNanos) {
                    try {
                        reload();
                    } catch (RuntimeException e) {
                        // keep deciding on the last snapshot; try again next time
                        logger.warn("Cannot reload roles and profiles, still using the loaded ones: {}",
                                e.getMessage());
                        loadedAt = System.nanoTime();
                    }
                }
            }
        }
        return model;
    }

    /** The model as loaded by the last change, without a reload. */
    Model loaded() {
        return model;
    }

    void reload() {
        model = transactions.read(em -> {
            List<Role> roles = em.createQuery("SELECT r FROM RoleRecord r ORDER BY r.name", RoleRecord.class)
                    .getResultList().stream().map(RoleRecord::toRole).toList();
            Map<String, Map<String, ModuleGrant>> grants = new HashMap<>();
            for (ModuleGrantRecord g : em.createQuery("SELECT g FROM ModuleGrantRecord g", ModuleGrantRecord.class)
                    .getResultList()) {
                grants.computeIfAbsent(g.profile(), k -> new HashMap<>()).put(g.module(), g.toGrant());
            }
            Map<String, List<FieldRule>> rules = new HashMap<>();
            for (FieldRuleRecord f : em.createQuery("SELECT f FROM FieldRuleRecord f", FieldRuleRecord.class)
                    .getResultList()) {
                rules.computeIfAbsent(f.profile(), k -> new ArrayList<>()).add(f.toRule());
            }
            List<Profile> profiles = em.createQuery("SELECT p FROM ProfileRecord p ORDER BY p.name",
                    ProfileRecord.class).getResultList().stream()
                    .map(p -> new Profile(p.name(), p.description(), p.builtIn(),
                            grants.getOrDefault(p.name(), Map.of()), rules.getOrDefault(p.name(), List.of()),
                            p.sensitiveAccess()))
                    .toList();
            List<Assignment> assignments = em.createQuery("SELECT a FROM AssignmentRecord a ORDER BY a.userId",
                    AssignmentRecord.class).getResultList().stream().map(AssignmentRecord::toAssignment).toList();
            List<SharingRule> sharing = em.createQuery("SELECT s FROM SharingRuleRecord s ORDER BY s.id",
                    SharingRuleRecord.class).getResultList().stream().map(SharingRuleRecord::toRule).toList();
            return new Model(roles, profiles, assignments, sharing);
        });
        loadedAt = System.nanoTime();
    }

    boolean exists(Class<?> type, Object key) {
        return transactions.read(em -> em.find(type, key) != null);
    }

    /**
     * Runs a change in one transaction, appends its audit entry before the commit (a change whose entry cannot be
     * written is rolled back), and rebuilds the model after it. The caller checked the actor's permission.
     */
    <T> T change(Actor actor, String action, String targetType, String targetId, String details,
            Function<EntityManager, T> work) {
        return change(actor, action, MODULE, targetType, targetId, work, result -> details);
    }

    /**
     * {@link #change} on a target of any module (a record's sharing rules), with the details derived from the
     * result; no entry when they are {@code null} (nothing changed).
     */
    <T> T change(Actor actor, String action, String module, String targetType, String targetId,
            Function<EntityManager, T> work, Function<T, String> detailsOf) {
        synchronized (writeLock) {
            String[] audited = { null };
            try {
                return transactions.write(em -> {
                    if (audited[0] != null) {
                        // an attempt rolled back after its entry was written (deadlock); say so before retrying
                        failed(actor, action, module, targetType, targetId, "retried after a rollback: " + audited[0]);
                        audited[0] = null;
                    }
                    T result = work.apply(em);
                    em.flush();
                    String details = detailsOf.apply(result);
                    if (details != null) {
                        audit.append(AuditEvent.builder(actor, action).target(module, targetType, targetId)
                                .details(details).build());
                        audited[0] = details;
                    }
                    return result;
                });
            } catch (StewardException e) {
                if (audited[0] != null) {
                    failed(actor, action, module, targetType, targetId, "not committed: " + audited[0]);
                }
                throw e;
            } finally {
                reload();
            }
        }
    }

    private void failed(Actor actor, String action, String module, String targetType, String targetId,
            String details) {
        appendQuietly(AuditEvent.builder(actor, action).target(module, targetType, targetId).outcome(Outcome.FAILED)
                .details(details));
    }

    /** Appends an entry whose loss must not undo what it records (a refusal stands even when unrecorded). */
    void appendQuietly(AuditEvent.Builder event) {
        try {
            audit.append(event.build());
        } catch (StewardException e) {
            // the administrator must learn about the gap
            logger.error("An entry could not be written to the audit log: {}", e.getMessage());
        }
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The id of a profile's entry for a module or a field: derived from its key, so that the primary key keeps the key
     * unique even when two servers on one database change the same profile at once.
     */
    static String keyId(String... key) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static long count(EntityManager em, String jpql, String name) {
        return em.createQuery(jpql, Long.class).setParameter("name", name).getSingleResult();
    }
}
