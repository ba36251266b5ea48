package org.steward.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.UserStatus;

/**
 * The checks of a login: password, second factor, password change and re-authentication, each throttled and
 * audited without the password, code or token.
 */
final class Logins {

    private final Accounts accounts;
    private final Passwords passwords;
    private final Throttle throttle;
    private final AccessRules rules;
    private final Sessions sessions;
    private final SecondFactor secondFactor;
    private final FirstAdministrator firstAdministrator;

    Logins(Accounts accounts, Passwords passwords, Throttle throttle, AccessRules rules, Sessions sessions,
            SecondFactor secondFactor, FirstAdministrator firstAdministrator) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.rules = rules;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.firstAdministrator = firstAdministrator;
    }

    private static LoginResult denied() {
        return new LoginResult(LoginOutcome.DENIED, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static LoginResult throttled(Optional<Duration> wait) {
        return new LoginResult(LoginOutcome.THROTTLED, Optional.empty(), Optional.empty(), wait);
    }

    LoginResult login(String loginName, String password, Channel channel, String sourceAddress) {
        Channel via = channel == null ? Channel.CLIENT : channel;
        String source = Sessions.source(sourceAddress);
        Instant now = accounts.now();
        UserRecord user = accounts.read(em -> accounts.byLogin(em, loginName));
        Actor actor = Sessions.attemptActor(user, via, source);
        String userId = user == null ? "" : user.id;

        Optional<Duration> wait = throttle.wait(user, source, now);
        if (wait.isPresent()) {
            accounts.audit(actor, "identity.login", userId, Outcome.DENIED, "throttled: wait " + wait.get().toSeconds()
                    + " s");
            return throttled(wait);
        }
        if (user != null && user.lockedAt != null) {
            accounts.audit(actor, "identity.login", userId, Outcome.DENIED, "account locked after too many failures");
            return throttled(Optional.empty());
        }
        if (user != null && !rules.addressAllowed(user, source)) {
            passwords.wasteCheck();
            throttle.failure(null, source, now);
            accounts.audit(actor, "identity.login", userId, Outcome.DENIED, "address not allowed by the IP rules");
            return denied();
        }
        // an unknown name is checked against a dummy hash: the same time as a wrong password
        boolean right = passwords.matches(password, user == null ? null : user.passwordHash);
        if (!right) {
            String locked = throttle.failure(user == null ? null : user.id, source, now);
            accounts.audit(actor, "identity.login", userId, Outcome.DENIED,
                    (user == null ? "unknown login name" : "wrong password") + (locked.isEmpty() ? "" : "; " + locked));
            return denied();
        }
        if (!UserStatus.ACTIVE.name().equals(user.status)) {
            accounts.audit(actor, "identity.login", userId, Outcome.DENIED, "account disabled");
            return denied();
        }
        String rehash = passwords.needsRehash(user.passwordHash) ? passwords.hash(password) : null;
        LoginResult result = accounts.write(em -> {
            UserRecord r = Accounts.required(em, user.id);
            Throttle.success(em, r, source);
            if (rehash != null) {
                r.passwordHash = rehash;
            }
            return sessions.open(em, r, sessions.nextStep(r, now, false), via, source, now);
        });
        accounts.audit(actor, "identity.login", userId, Outcome.SUCCESS, "password accepted; next: " + result.outcome()
                + (rehash == null ? "" : "; hash upgraded"));
        return result;
    }

    LoginResult verifySecondFactor(String token, String code, String sourceAddress) {
        String source = Sessions.source(sourceAddress);
        Instant now = accounts.now();
        SessionRecord s = sessions.find(token, now);
        if (s == null || !LoginOutcome.SECOND_FACTOR_REQUIRED.name().equals(s.state)) {
            return denied();
        }
        UserRecord user = accounts.read(em -> Accounts.required(em, s.userId));
        Channel via = Channel.valueOf(s.channel);
        Actor actor = Sessions.attemptActor(user, via, source);
        Optional<Duration> wait = throttle.wait(user, source, now);
        if (wait.isPresent() || user.lockedAt != null) {
            accounts.audit(actor, "identity.mfa.verify", user.id, Outcome.DENIED, "throttled");
            return throttled(wait);
        }
        String clean = code == null ? "" : code.strip().replace(" ", "");
        String how;
        boolean ok;
        if (SecondFactor.SIX_DIGITS.matcher(clean).matches()) {
            how = "TOTP code";
            ok = secondFactor.acceptTotp(user.id, clean, now);
        } else {
            how = "recovery code";
            ok = secondFactor.useRecoveryCode(user.id, clean);
        }
        if (!ok) {
            String locked = throttle.failure(user.id, source, now);
            accounts.audit(actor, "identity.mfa.verify", user.id, Outcome.DENIED, "wrong " + how
                    + (locked.isEmpty() ? "" : "; " + locked));
            return denied();
        }
        LoginResult result = accounts.write(em -> {
            UserRecord r = Accounts.required(em, user.id);
            Throttle.success(em, r, source);
            return sessions.replace(em, s, r, sessions.nextStep(r, now, true), via, source, now);
        });
        accounts.audit(actor, "identity.mfa.verify", user.id, Outcome.SUCCESS, how + " accepted; next: "
                + result.outcome());
        return result;
    }

    LoginResult changePassword(String token, String currentPassword, String newPassword, String sourceAddress) {
        String source = Sessions.source(sourceAddress);
        Instant now = accounts.now();
        SessionRecord s = sessions.require(token, now, "identity.password.change", LoginOutcome.AUTHENTICATED,
                LoginOutcome.PASSWORD_CHANGE_REQUIRED);
        UserRecord user = accounts.read(em -> Accounts.required(em, s.userId));
        Channel via = Channel.valueOf(s.channel);
        Actor actor = Sessions.sessionActor(user, s, via, source);
        if (throttle.wait(user, source, now).isPresent()) {
            accounts.audit(actor, "identity.password.change", user.id, Outcome.DENIED, "throttled");
            throw new AccessDeniedException("identity.password.change", "too many failures; try again later");
        }
        if (!passwords.matches(currentPassword, user.passwordHash)) {
            throttle.failure(user.id, source, now);
            accounts.audit(actor, "identity.password.change", user.id, Outcome.DENIED, "wrong current password");
            throw new ValidationException("currentPassword", "is not the current password");
        }
        List<Violation> violations = new ArrayList<>(passwords.violations(user, newPassword));
        if (violations.isEmpty() && passwords.matches(newPassword, user.passwordHash)) {
            violations.add(new Violation(PasswordPolicy.FIELD, "must differ from the current password"));
        }
        if (!violations.isEmpty()) {
            accounts.audit(actor, "identity.password.change", user.id, Outcome.FAILED, "refused by the policy: "
                    + violations.stream().map(Violation::reason).toList());
            throw new ValidationException(violations);
        }
        String hash = passwords.hash(newPassword);
        LoginResult result = accounts.write(em -> {
            UserRecord r = Accounts.required(em, user.id);
            r.passwordHash = hash;
            r.passwordChangedAt = now;
            r.mustChangePassword = false;
            r.updatedAt = now;
            Throttle.success(em, r, source);
            passwords.remember(em, r, now);
            Sessions.end(em, r.id, null);
            return sessions.open(em, r, sessions.nextStep(r, now, true), via, source, now);
        });
        if (user.builtInAdministrator) {
            firstAdministrator.removePasswordFile();
        }
        accounts.audit(actor, "identity.password.change", user.id, Outcome.SUCCESS, "other sessions ended; next: "
                + result.outcome());
        return result;
    }

    Actor reauthenticate(String token, String password, Channel channel, String sourceAddress) {
        String source = Sessions.source(sourceAddress);
        Instant now = accounts.now();
        SessionRecord s = sessions.require(token, now, "identity.reauthenticate", LoginOutcome.AUTHENTICATED);
        UserRecord user = accounts.read(em -> Accounts.required(em, s.userId));
        Channel via = channel == null ? Channel.valueOf(s.channel) : channel;
        Actor actor = Sessions.sessionActor(user, s, via, source);
        if (throttle.wait(user, source, now).isPresent() || user.lockedAt != null) {
            accounts.audit(actor, "identity.reauthenticate", user.id, Outcome.DENIED, "throttled");
            throw new AccessDeniedException("identity.reauthenticate", "too many failures; try again later");
        }
        if (!passwords.matches(password, user.passwordHash)) {
            String locked = throttle.failure(user.id, source, now);
            accounts.audit(actor, "identity.reauthenticate", user.id, Outcome.DENIED, "wrong password"
                    + (locked.isEmpty() ? "" : "; " + locked));
            throw new AccessDeniedException("identity.reauthenticate", "the password is not right");
        }
        accounts.run(em -> {
            SessionRecord live = em.find(SessionRecord.class, s.tokenHash);
            if (live != null) {
                live.authenticatedAt = now;
                live.lastSeenAt = now;
            }
            Throttle.success(em, Accounts.required(em, user.id), source);
        });
        accounts.audit(actor, "identity.reauthenticate", user.id, Outcome.SUCCESS, "");
        return actor.authenticatedAt(now);
    }
}
