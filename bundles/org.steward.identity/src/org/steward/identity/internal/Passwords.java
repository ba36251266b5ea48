package org.steward.identity.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.steward.core.UnavailableException;
import org.steward.core.Violation;
import org.steward.encryption.PasswordHasher;

import jakarta.persistence.EntityManager;

/** Passwords: the policy check with the history, the history itself, one-time passwords and hash checks. */
final class Passwords {

    private static final String OTP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final IdentityConfiguration config;
    private final SecureRandom random;
    /** A hash verified for unknown login names, so that their answer takes as long as a wrong password. */
    private final String dummyHash;

    Passwords(Accounts accounts, PasswordHasher hasher, PasswordPolicy policy, IdentityConfiguration config,
            SecureRandom random) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.config = config;
        this.random = random;
        this.dummyHash = hasher.hash(randomPassword(24).toCharArray());
    }

    String hash(String password) {
        return hasher.hash(PasswordPolicy.normalise(password).toCharArray());
    }

    /** Whether the password (normalised to NFC) matches the hash; false for a missing hash, taking as long. */
    boolean matches(String password, String hash) {
        String normalised = PasswordPolicy.normalise(password);
        if (hash == null) {
            hasher.verify(normalised.toCharArray(), dummyHash);
            return false;
        }
        return hasher.verify(normalised.toCharArray(), hash);
    }

    /** Spends the time of a password check without one. */
    void wasteCheck() {
        hasher.verify(new char[] { 'x' }, dummyHash);
    }

    boolean needsRehash(String hash) {
        return hasher.needsRehash(hash);
    }

    private String randomPassword(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(OTP_ALPHABET.charAt(random.nextInt(OTP_ALPHABET.length())));
        }
        return out.toString();
    }

    /**
     * A one-time password of four groups of five random characters joined by '-' (about 115 bits), so that it also
     * meets every composition rule an administrator may switch on.
     */
    String oneTimePassword(UserRecord user) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String candidate = String.join("-", randomPassword(5), randomPassword(5), randomPassword(5),
                    randomPassword(5));
            if (policy.check(candidate, false, user.loginName, user.email).isEmpty()) {
                return candidate;
            }
        }
        throw new UnavailableException("No one-time password satisfies the password settings; check the minimum "
                + "and maximum length in the configuration " + IdentityConfiguration.PID);
    }

    List<Violation> violations(UserRecord r, String password) {
        List<Violation> found = new ArrayList<>(policy.check(password, r.totpConfirmed, r.loginName, r.email));
        if (found.isEmpty() && config.passwordHistory() > 0) {
            List<String> previous = new ArrayList<>(accounts.read(em -> em.createQuery(
                    "SELECT h.passwordHash FROM PasswordHistoryRecord h WHERE h.userId = :user", String.class)
                    .setParameter("user", r.id).getResultList()));
            if (r.passwordHash != null) {
                previous.add(r.passwordHash);
            }
            String pw = PasswordPolicy.normalise(password);
            for (String hash : previous) {
                if (hasher.verify(pw.toCharArray(), hash)) {
                    found.add(new Violation(PasswordPolicy.FIELD,
                            "was used recently; the last " + config.passwordHistory() + " passwords may not be reused"));
                    break;
                }
            }
        }
        return found;
    }

    /** Keeps the hash of the password just set, when the history option is on, and trims the history. */
    void remember(EntityManager em, UserRecord r, Instant now) {
        int keep = config.passwordHistory();
        if (keep <= 0) {
            return;
        }
        PasswordHistoryRecord h = new PasswordHistoryRecord();
        h.id = UUID.randomUUID().toString();
        h.userId = r.id;
        h.passwordHash = r.passwordHash;
        h.createdAt = now;
        em.persist(h);
        em.flush();
        List<PasswordHistoryRecord> all = em.createQuery(
                "SELECT h FROM PasswordHistoryRecord h WHERE h.userId = :user ORDER BY h.createdAt DESC",
                PasswordHistoryRecord.class).setParameter("user", r.id).getResultList();
        all.stream().skip(keep).forEach(em::remove);
    }
}
