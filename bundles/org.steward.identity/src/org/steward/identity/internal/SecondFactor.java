package org.steward.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ConflictException;
import org.steward.core.ValidationException;
import org.steward.encryption.FieldEncryption;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.MfaEnrolled;
import org.steward.identity.Totp;
import org.steward.identity.TotpEnrolment;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The TOTP second factor (RFC 6238, each code usable once) and its recovery codes: enrolment, confirmation and the
 * check of a code. The secret is encrypted under the user's own data key, recovery codes are kept as hashes.
 */
final class SecondFactor {

    static final int RECOVERY_CODES = 10;
    static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    static final String SECRET_FIELD = "totpSecret";

    private final Accounts accounts;
    private final Sessions sessions;
    private final FieldEncryption encryption;
    private final IdentityConfiguration config;
    private final SecureRandom random;

    SecondFactor(Accounts accounts, Sessions sessions, FieldEncryption encryption, IdentityConfiguration config,
            SecureRandom random) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.encryption = encryption;
        this.config = config;
        this.random = random;
    }

    Totp.Algorithm algorithm() {
        try {
            return Totp.Algorithm.valueOf(config.totpAlgorithm().strip().toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            return Totp.Algorithm.SHA1;
        }
    }

    int skew() {
        return Math.max(0, Math.min(2, config.totpSkewSteps()));
    }

    /** Checks a TOTP code within the skew, newer than the last accepted step, and remembers its step. */
    boolean acceptTotp(String userId, String code, Instant now) {
        return accounts.write(em -> {
            UserRecord r = em.find(UserRecord.class, userId, LockModeType.PESSIMISTIC_WRITE);
            if (r == null || r.totpSecret == null) {
                return false;
            }
            byte[] secret = Totp.fromBase32(encryption.decrypt(StaffPersons.of(userId), userId, SECRET_FIELD,
                    r.totpSecret).plain().orElse(""));
            try {
                if (secret.length == 0) {
                    return false;
                }
                Totp.Algorithm algorithm = r.totpAlgorithm == null ? Totp.Algorithm.SHA1
                        : Totp.Algorithm.valueOf(r.totpAlgorithm);
                long current = Totp.step(now);
                for (long step = current - skew(); step <= current + skew(); step++) {
                    if (step > r.totpLastStep && Totp.same(code, Totp.code(secret, step, algorithm, 6))) {
                        r.totpLastStep = step;
                        return true;
                    }
                }
                return false;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        });
    }

    boolean useRecoveryCode(String userId, String code) {
        String normalised = code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z2-7]", "");
        if (normalised.length() != 16) {
            return false;
        }
        return accounts.write(em -> {
            RecoveryCodeRecord r = em.find(RecoveryCodeRecord.class, Accounts.sha256(userId + ":" + normalised),
                    LockModeType.PESSIMISTIC_WRITE);
            if (r == null || !r.userId.equals(userId)) {
                return false;
            }
            em.remove(r);
            return true;
        });
    }

    /** Removes the authenticator and the recovery codes inside the caller's transaction. */
    static void remove(EntityManager em, UserRecord r) {
        r.totpSecret = null;
        r.totpAlgorithm = null;
        r.totpConfirmed = false;
        r.totpLastStep = 0;
        em.createQuery("DELETE FROM RecoveryCodeRecord c WHERE c.userId = :user").setParameter("user", r.id)
                .executeUpdate();
    }

    TotpEnrolment begin(String token, String sourceAddress) {
        String source = Sessions.source(sourceAddress);
        Instant now = accounts.now();
        SessionRecord s = sessions.require(token, now, "identity.mfa.enrol", LoginOutcome.AUTHENTICATED,
                LoginOutcome.MFA_ENROLMENT_REQUIRED);
        UserRecord user = accounts.read(em -> Accounts.required(em, s.userId));
        if (user.totpConfirmed) {
            throw new ConflictException("An authenticator is already enrolled; an administrator can reset it "
                    + "(users:mfa-reset)");
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String base32 = Totp.base32(secret);
        Arrays.fill(secret, (byte) 0);
        Totp.Algorithm algorithm = algorithm();
        String encrypted = encryption.encrypt(StaffPersons.of(user.id), user.id, SECRET_FIELD, base32);
        accounts.run(em -> {
            UserRecord r = Accounts.required(em, user.id);
            r.totpSecret = encrypted;
            r.totpAlgorithm = algorithm.name();
            r.totpConfirmed = false;
            r.totpLastStep = 0;
            r.updatedAt = now;
        });
        String label = java.net.URLEncoder.encode(user.loginName, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/Steward:" + label + "?secret=" + base32 + "&issuer=Steward&algorithm="
                + algorithm.name() + "&digits=6&period=" + Totp.PERIOD_SECONDS;
        accounts.audit(Sessions.sessionActor(user, s, Channel.valueOf(s.channel), source), "identity.mfa.enrol",
                user.id, Outcome.SUCCESS, "TOTP enrolment started (" + algorithm + ")");
        return new TotpEnrolment(base32, uri);
    }

    MfaEnrolled confirm(String token, String code, String sourceAddress) {
        String source = Sessions.source(sourceAddress);
        Instant now = accounts.now();
        SessionRecord s = sessions.require(token, now, "identity.mfa.confirm", LoginOutcome.AUTHENTICATED,
                LoginOutcome.MFA_ENROLMENT_REQUIRED);
        UserRecord user = accounts.read(em -> Accounts.required(em, s.userId));
        Channel via = Channel.valueOf(s.channel);
        Actor actor = Sessions.sessionActor(user, s, via, source);
        String clean = code == null ? "" : code.strip().replace(" ", "");
        if (user.totpConfirmed || user.totpSecret == null) {
            throw new ConflictException("No TOTP enrolment is waiting for confirmation");
        }
        if (!SIX_DIGITS.matcher(clean).matches() || !acceptTotp(user.id, clean, now)) {
            accounts.audit(actor, "identity.mfa.confirm", user.id, Outcome.FAILED, "wrong code");
            throw new ValidationException("code", "is not the current code of the authenticator");
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[10];
            random.nextBytes(bytes);
            String raw = Totp.base32(bytes);
            codes.add(raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-"
                    + raw.substring(12, 16));
        }
        LoginResult session = accounts.write(em -> {
            UserRecord r = Accounts.required(em, user.id);
            r.totpConfirmed = true;
            r.updatedAt = now;
            em.createQuery("DELETE FROM RecoveryCodeRecord c WHERE c.userId = :user").setParameter("user", r.id)
                    .executeUpdate();
            for (String c : codes) {
                RecoveryCodeRecord rc = new RecoveryCodeRecord();
                rc.codeHash = Accounts.sha256(r.id + ":" + c.replace("-", ""));
                rc.userId = r.id;
                rc.createdAt = now;
                em.persist(rc);
            }
            return sessions.replace(em, s, r, sessions.nextStep(r, now, true), via, source, now);
        });
        accounts.audit(actor, "identity.mfa.confirm", user.id, Outcome.SUCCESS, "TOTP enrolled; " + RECOVERY_CODES
                + " recovery codes issued");
        return new MfaEnrolled(session, codes);
    }
}
