package org.steward.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.Violation;
import org.steward.identity.NewUser;
import org.steward.identity.User;
import org.steward.identity.UserCreated;
import org.steward.identity.UserStatus;

/**
 * The administration of user accounts: creation with a one-time password, lookups, disabling, unlocking, password
 * and second-factor resets, ending sessions. Every change is allowed to administrators only and audited; a
 * restricted staff user's account is not changed (Art. 18) except to disable it or end its sessions.
 */
final class UserAdministration {

    private final Accounts accounts;
    private final AdministratorCheck administrators;
    private final Passwords passwords;

    UserAdministration(Accounts accounts, AdministratorCheck administrators, Passwords passwords) {
        this.accounts = accounts;
        this.administrators = administrators;
        this.passwords = passwords;
    }

    private static void requireNotErased(UserRecord r) {
        if (r.erasedAt != null) {
            throw new ConflictException("The user was erased; create a new account instead");
        }
    }

    UserCreated create(Actor by, NewUser user) {
        administrators.require(by, "identity.user.create", "");
        Instant now = accounts.now();
        UserRecord r = UserFields.newRecord(user, now);
        String password = passwords.oneTimePassword(r);
        r.passwordHash = passwords.hash(password);
        r.passwordChangedAt = now;
        accounts.run(em -> {
            if (accounts.byLogin(em, r.loginName) != null) {
                throw new ConflictException("The login name " + r.loginName + " is taken");
            }
            em.persist(r);
            passwords.remember(em, r, now);
        });
        accounts.audit(by, "identity.user.create", r.id, Outcome.SUCCESS, "one-time password issued");
        return new UserCreated(Accounts.toUser(r), password);
    }

    Optional<User> find(String loginName) {
        return Optional.ofNullable(accounts.read(em -> accounts.byLogin(em, loginName))).map(Accounts::toUser);
    }

    User get(String userId) {
        return accounts.read(em -> Accounts.toUser(Accounts.required(em, userId)));
    }

    List<User> list() {
        return accounts.read(em -> em.createQuery("SELECT u FROM UserRecord u ORDER BY u.loginKey", UserRecord.class)
                .getResultList().stream().map(Accounts::toUser).toList());
    }

    User disable(Actor by, String userId) {
        administrators.require(by, "identity.user.disable", userId);
        User user = accounts.write(em -> {
            UserRecord r = Accounts.required(em, userId);
            r.status = UserStatus.DISABLED.name();
            r.updatedAt = accounts.now();
            Sessions.end(em, userId, null);
            return Accounts.toUser(r);
        });
        accounts.audit(by, "identity.user.disable", userId, Outcome.SUCCESS, "sessions ended");
        return user;
    }

    User enable(Actor by, String userId) {
        administrators.require(by, "identity.user.enable", userId);
        accounts.refuseIfRestricted(by, "identity.user.enable", userId);
        User user = accounts.write(em -> {
            UserRecord r = Accounts.required(em, userId);
            requireNotErased(r);
            r.status = UserStatus.ACTIVE.name();
            r.updatedAt = accounts.now();
            return Accounts.toUser(r);
        });
        accounts.audit(by, "identity.user.enable", userId, Outcome.SUCCESS, "");
        return user;
    }

    void unlock(Actor by, String userId) {
        administrators.require(by, "identity.user.unlock", userId);
        accounts.refuseIfRestricted(by, "identity.user.unlock", userId);
        int cleared = accounts.write(em -> {
            UserRecord r = Accounts.required(em, userId);
            r.failedLogins = 0;
            r.lockedAt = null;
            r.updatedAt = accounts.now();
            return Throttle.clear(em, userId);
        });
        accounts.audit(by, "identity.user.unlock", userId, Outcome.SUCCESS, cleared + " address locks lifted");
    }

    UserCreated resetPassword(Actor by, String userId) {
        administrators.require(by, "identity.password.reset", userId);
        accounts.refuseIfRestricted(by, "identity.password.reset", userId);
        Instant now = accounts.now();
        UserRecord snapshot = accounts.read(em -> Accounts.required(em, userId));
        requireNotErased(snapshot);
        String password = passwords.oneTimePassword(snapshot);
        String hash = passwords.hash(password);
        User user = accounts.write(em -> {
            UserRecord r = Accounts.required(em, userId);
            requireNotErased(r);
            r.passwordHash = hash;
            r.passwordChangedAt = now;
            r.mustChangePassword = true;
            r.updatedAt = now;
            passwords.remember(em, r, now);
            Sessions.end(em, userId, null);
            return Accounts.toUser(r);
        });
        accounts.audit(by, "identity.password.reset", userId, Outcome.SUCCESS,
                "one-time password issued; change forced at next login; sessions ended");
        return new UserCreated(user, password);
    }

    void resetMfa(Actor by, String userId) {
        administrators.require(by, "identity.mfa.reset", userId);
        accounts.refuseIfRestricted(by, "identity.mfa.reset", userId);
        accounts.run(em -> {
            UserRecord r = Accounts.required(em, userId);
            SecondFactor.remove(em, r);
            r.updatedAt = accounts.now();
            Sessions.end(em, userId, null);
        });
        accounts.audit(by, "identity.mfa.reset", userId, Outcome.SUCCESS, "authenticator and recovery codes removed");
    }

    int endSessions(Actor by, String userId) {
        administrators.require(by, "identity.session.end-all", userId);
        int ended = accounts.write(em -> {
            Accounts.required(em, userId);
            return Sessions.end(em, userId, null);
        });
        accounts.audit(by, "identity.session.end-all", userId, Outcome.SUCCESS, ended + " sessions ended");
        return ended;
    }

    List<Violation> checkPassword(String userId, String password) {
        UserRecord r = accounts.read(em -> Accounts.required(em, userId));
        return passwords.violations(r, password);
    }
}
