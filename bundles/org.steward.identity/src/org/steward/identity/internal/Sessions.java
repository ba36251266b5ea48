package org.steward.identity.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.UserStatus;

import jakarta.persistence.EntityManager;

/**
 * Sessions: issuing a token (only its hash is stored), the idle, absolute and restricted timeouts, the next step of
 * a login, the acting principal of a session, and logout.
 */
final class Sessions {

    private static final String LOCAL = "local";

    private final Accounts accounts;
    private final AccessRules rules;
    private final IdentityConfiguration config;
    private final SecureRandom random;

    Sessions(Accounts accounts, AccessRules rules, IdentityConfiguration config, SecureRandom random) {
        this.accounts = accounts;
        this.rules = rules;
        this.config = config;
        this.random = random;
    }

    /** The source address as recorded: a canonical IP literal, at most 64 characters, or "local". */
    static String source(String address) {
        if (address == null || address.isBlank()) {
            return LOCAL;
        }
        String text = address.strip();
        var literal = Networks.literal(text);
        text = literal == null ? text : literal.getHostAddress();
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    /** The actor of a login attempt: the user when known; an unknown typed name is not recorded (it may be a password). */
    static Actor attemptActor(UserRecord user, Channel channel, String source) {
        Optional<String> from = LOCAL.equals(source) ? Optional.empty() : Optional.of(source);
        return user == null ? new Actor("anonymous", "unknown", channel, from, Optional.empty())
                : new Actor(user.id, user.loginName, channel, from, Optional.empty());
    }

    static Actor sessionActor(UserRecord user, SessionRecord session, Channel channel, String source) {
        Optional<String> from = LOCAL.equals(source) ? Optional.empty() : Optional.of(source);
        return new Actor(user.id, user.loginName, channel, from, Optional.of(session.sessionId),
                Optional.of(session.authenticatedAt));
    }

    /** What a user must do next after the checks done so far. */
    LoginOutcome nextStep(UserRecord user, Instant now, boolean secondFactorDone) {
        if (user.totpConfirmed && !secondFactorDone) {
            return LoginOutcome.SECOND_FACTOR_REQUIRED;
        }
        boolean expired = config.passwordExpiryDays() > 0 && user.passwordChangedAt != null
                && !user.passwordChangedAt.plus(Duration.ofDays(config.passwordExpiryDays())).isAfter(now);
        if (user.mustChangePassword || expired) {
            return LoginOutcome.PASSWORD_CHANGE_REQUIRED;
        }
        if (!user.totpConfirmed && rules.mfaRequired(user)) {
            return LoginOutcome.MFA_ENROLMENT_REQUIRED;
        }
        return LoginOutcome.AUTHENTICATED;
    }

    /** A new session in the given state, inside the caller's transaction. */
    LoginResult open(EntityManager em, UserRecord user, LoginOutcome state, Channel channel, String source,
            Instant authenticatedAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SessionRecord s = new SessionRecord();
        s.tokenHash = Accounts.sha256(token);
        s.sessionId = UUID.randomUUID().toString();
        s.userId = user.id;
        s.state = state.name();
        s.channel = channel.name();
        s.sourceAddress = source;
        Instant now = accounts.now();
        s.createdAt = now;
        s.lastSeenAt = now;
        s.authenticatedAt = authenticatedAt;
        em.persist(s);
        return new LoginResult(state, Optional.of(token), Optional.of(user.id), Optional.empty());
    }

    /** Replaces the session with a new one in the next state, inside the caller's transaction. */
    LoginResult replace(EntityManager em, SessionRecord old, UserRecord user, LoginOutcome state, Channel channel,
            String source, Instant authenticatedAt) {
        SessionRecord live = em.find(SessionRecord.class, old.tokenHash);
        if (live != null) {
            em.remove(live);
        }
        return open(em, user, state, channel, source, authenticatedAt);
    }

    /** The session of a token, if valid now; expired sessions are deleted. */
    SessionRecord find(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return null;
        }
        String hash = Accounts.sha256(token);
        SessionRecord s = accounts.read(em -> em.find(SessionRecord.class, hash));
        if (s == null) {
            return null;
        }
        boolean full = LoginOutcome.AUTHENTICATED.name().equals(s.state);
        boolean expired = full
                ? !s.lastSeenAt.plus(Duration.ofMinutes(config.idleTimeoutMinutes())).isAfter(now)
                        || !s.createdAt.plus(Duration.ofHours(config.absoluteTimeoutHours())).isAfter(now)
                : !s.createdAt.plus(Duration.ofMinutes(config.restrictedTimeoutMinutes())).isAfter(now);
        if (expired) {
            accounts.run(em -> {
                SessionRecord gone = em.find(SessionRecord.class, hash);
                if (gone != null) {
                    em.remove(gone);
                }
            });
            return null;
        }
        return s;
    }

    SessionRecord require(String token, Instant now, String operation, LoginOutcome... states) {
        SessionRecord s = find(token, now);
        if (s == null || Arrays.stream(states).noneMatch(st -> st.name().equals(s.state))) {
            throw new AccessDeniedException(operation, "the session is not valid (unknown, ended, expired or "
                    + "restricted)");
        }
        return s;
    }

    /** Deletes the user's sessions but the one with {@code exceptTokenHash}, inside the caller's transaction. */
    static int end(EntityManager em, String userId, String exceptTokenHash) {
        return em.createQuery("DELETE FROM SessionRecord s WHERE s.userId = :user AND s.tokenHash <> :keep")
                .setParameter("user", userId).setParameter("keep", exceptTokenHash == null ? "" : exceptTokenHash)
                .executeUpdate();
    }

    Actor actorFor(String token, Channel channel, String sourceAddress) {
        String source = source(sourceAddress);
        Instant now = accounts.now();
        SessionRecord s = require(token, now, "identity.session", LoginOutcome.AUTHENTICATED);
        UserRecord user = accounts.read(em -> em.find(UserRecord.class, s.userId));
        if (user == null || !UserStatus.ACTIVE.name().equals(user.status)) {
            throw new AccessDeniedException("identity.session", "the user is disabled");
        }
        Actor actor = sessionActor(user, s, channel == null ? Channel.valueOf(s.channel) : channel, source);
        if (!rules.addressAllowed(user, source)) {
            accounts.audit(actor, "identity.session.use", user.id, Outcome.DENIED, "address not allowed by the IP rules");
            throw new AccessDeniedException("identity.session", "the address is not allowed for this user");
        }
        accounts.run(em -> {
            SessionRecord live = em.find(SessionRecord.class, s.tokenHash);
            if (live != null) {
                live.lastSeenAt = now;
            }
        });
        return actor;
    }

    void logout(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return;
        }
        String hash = Accounts.sha256(token);
        SessionRecord s = accounts.write(em -> {
            SessionRecord found = em.find(SessionRecord.class, hash);
            if (found != null) {
                em.remove(found);
            }
            return found;
        });
        if (s != null) {
            UserRecord user = accounts.read(em -> em.find(UserRecord.class, s.userId));
            if (user != null) {
                accounts.audit(sessionActor(user, s, Channel.valueOf(s.channel), s.sourceAddress), "identity.logout",
                        user.id, Outcome.SUCCESS, "");
            }
        }
    }
}
