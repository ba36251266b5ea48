package org.steward.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Login throttling that cannot be used to lock others out: failures are counted per source address (doubling
 * backoff), per account at that address (a lock for that address only) and per account from every address (a lock
 * for everyone after the configured number of consecutive failures, until an administrator unlocks it).
 */
final class Throttle {

    private final Accounts accounts;
    private final IdentityConfiguration config;

    Throttle(Accounts accounts, IdentityConfiguration config) {
        this.accounts = accounts;
        this.config = config;
    }

    /** How long the source or the account at the source must still wait; empty when it may try now. */
    Optional<Duration> wait(UserRecord user, String source, Instant now) {
        return accounts.read(em -> {
            Instant until = null;
            for (String key : user == null ? List.of(sourceKey(source))
                    : List.of(sourceKey(source), accountKey(user.id, source))) {
                ThrottleRecord t = em.find(ThrottleRecord.class, key);
                if (t != null && t.blockedUntil != null && t.blockedUntil.isAfter(now)
                        && (until == null || t.blockedUntil.isAfter(until))) {
                    until = t.blockedUntil;
                }
            }
            return until == null ? Optional.<Duration>empty() : Optional.of(Duration.between(now, until));
        });
    }

    private static String sourceKey(String source) {
        return "source:" + source;
    }

    private static String accountKey(String userId, String source) {
        return "account:" + userId + "@" + source;
    }

    /** Counts a failure for the source, the account at the source, and the account. Returns what was locked. */
    String failure(String userId, String source, Instant now) {
        return accounts.write(em -> {
            Duration memory = Duration.ofHours(config.failureMemoryHours());
            ThrottleRecord src = counter(em, sourceKey(source), null, now, memory);
            src.failures++;
            long wait = Math.min((long) config.maxBackoffSeconds(),
                    (long) config.backoffSeconds() << Math.min(30, src.failures - 1));
            src.blockedUntil = wait > 0 ? now.plusSeconds(wait) : null;
            if (userId == null) {
                return "";
            }
            String locked = "";
            ThrottleRecord account = counter(em, accountKey(userId, source), userId, now, memory);
            account.failures++;
            if (account.failures >= config.failuresBeforeLock()) {
                account.blockedUntil = now.plus(Duration.ofMinutes(config.lockMinutes()));
                account.failures = 0;
                locked = "address locked out of the account for " + config.lockMinutes() + " min";
            }
            UserRecord user = em.find(UserRecord.class, userId, LockModeType.PESSIMISTIC_WRITE);
            if (user != null) {
                user.failedLogins++;
                if (user.failedLogins >= config.accountFailureLimit() && user.lockedAt == null) {
                    user.lockedAt = now;
                    locked = "account locked for every address after " + user.failedLogins
                            + " consecutive failures";
                }
            }
            return locked;
        });
    }

    private static ThrottleRecord counter(EntityManager em, String key, String userId, Instant now, Duration memory) {
        ThrottleRecord t = em.find(ThrottleRecord.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            t = new ThrottleRecord();
            t.key = key;
            t.userId = userId;
            t.lastFailureAt = now;
            em.persist(t);
        } else if (t.lastFailureAt.plus(memory).isBefore(now)) {
            t.failures = 0;
        }
        t.lastFailureAt = now;
        return t;
    }

    /** Clears the user's consecutive failures and the counters of the source, inside the caller's transaction. */
    static void success(EntityManager em, UserRecord user, String source) {
        user.failedLogins = 0;
        for (String key : List.of(sourceKey(source), accountKey(user.id, source))) {
            ThrottleRecord t = em.find(ThrottleRecord.class, key);
            if (t != null) {
                em.remove(t);
            }
        }
    }

    /** Lifts every address lock of the user inside the caller's transaction; returns how many there were. */
    static int clear(EntityManager em, String userId) {
        return em.createQuery("DELETE FROM ThrottleRecord t WHERE t.userId = :user").setParameter("user", userId)
                .executeUpdate();
    }
}
