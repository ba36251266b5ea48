package org.steward.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.identity.RoleMembership;
import org.steward.identity.User;
import org.steward.identity.UserStatus;
import org.steward.persistence.RestrictionLocks;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManager;

/**
 * The user records on the identity unit and what every part of the module needs with them: the transactions, the
 * clock, the audit entry of a user, the roles of a user, and the Art. 18 lock of a staff user.
 */
final class Accounts {

    static final String MODULE = "identity";
    static final RestrictionLocks RESTRICTIONS = RestrictionLocks.of("IDENTITY");

    private final Transactions transactions;
    private final AuditLog audit;
    private final Supplier<Clock> clock;
    private final Supplier<RoleMembership> roles;
    private final Logger logger;

    Accounts(Transactions transactions, AuditLog audit, Supplier<Clock> clock, Supplier<RoleMembership> roles,
            Logger logger) {
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.roles = roles;
        this.logger = logger;
    }

    <T> T write(Function<EntityManager, T> work) {
        return transactions.write(work);
    }

    void run(Consumer<EntityManager> work) {
        transactions.run(work);
    }

    <T> T read(Function<EntityManager, T> work) {
        return transactions.read(work);
    }

    Instant now() {
        return clock.get().instant();
    }

    AuditLog log() {
        return audit;
    }

    void audit(Actor actor, String action, String userId, Outcome outcome, String details) {
        audit.append(AuditEvent.builder(actor, action).target(MODULE, "user", userId == null ? "" : userId)
                .outcome(outcome).details(details).build());
    }

    UserRecord byLogin(EntityManager em, String loginName) {
        if (loginName == null || loginName.isBlank()) {
            return null;
        }
        List<UserRecord> found = em.createQuery("SELECT u FROM UserRecord u WHERE u.loginKey = :key", UserRecord.class)
                .setParameter("key", PasswordPolicy.normalise(loginName.strip()).toLowerCase(Locale.ROOT))
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    static UserRecord required(EntityManager em, String userId) {
        UserRecord user = userId == null ? null : em.find(UserRecord.class, userId);
        if (user == null) {
            throw new NotFoundException("User", userId);
        }
        return user;
    }

    static User toUser(UserRecord r) {
        return new User(r.id, r.loginName, r.displayName, r.email, r.language, UserStatus.valueOf(r.status),
                r.mustChangePassword, r.totpConfirmed, r.lockedAt != null, r.createdAt, r.updatedAt);
    }

    /** The roles of a user from the installed {@link RoleMembership}; none without one or when it fails. */
    Set<String> rolesOf(String userId) {
        RoleMembership membership = roles.get();
        if (membership == null) {
            return Set.of();
        }
        try {
            Set<String> result = membership.rolesOf(userId);
            return result == null ? Set.of() : result;
        } catch (RuntimeException e) {
            logger.warn("The role membership service failed for user {}: {}", userId, e.toString());
            return Set.of();
        }
    }

    /**
     * Refuses an administrative change of a staff user whose processing is restricted (Art. 18), through the one
     * audited refusal path.
     */
    void refuseIfRestricted(Actor by, String action, String userId) {
        if (userId == null || userId.isBlank()) {
            return;
        }
        var person = StaffPersons.of(userId);
        if (read(em -> RESTRICTIONS.isRestricted(em, person))) {
            throw audit.refuseRestricted(by, action, MODULE, "user", userId, person);
        }
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
