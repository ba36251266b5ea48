package org.steward.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The acting principal that every operation on personal data takes explicitly (never from a thread-local), so that the
 * service layer can decide access and write the audit entry.
 *
 * @param userId stable id of the user, or of the system job, that acts
 * @param loginName the login name shown in the audit trail
 * @param channel where the operation came from
 * @param sourceAddress the remote address for network channels, empty otherwise
 * @param sessionId the session the operation belongs to, empty for the console and the system
 * @param authenticatedAt when the user last proved who they are in this session (password, second factor), set by
 *            the identity module from the session; permission checks that ask for a recent re-authentication (revealing
 *            or exporting sensitive fields) read it. Empty for the system and for actors not built from a session.
 */
public record Actor(String userId, String loginName, Channel channel, Optional<String> sourceAddress,
        Optional<String> sessionId, Optional<Instant> authenticatedAt) {

    private static final Actor SYSTEM = new Actor("system", "system", Channel.SYSTEM, Optional.empty(), Optional.empty());

    public Actor {
        if (userId == null || userId.isBlank()) {
            throw new ValidationException("userId", "is required");
        }
        if (loginName == null || loginName.isBlank()) {
            throw new ValidationException("loginName", "is required");
        }
        Objects.requireNonNull(channel, "channel");
        sourceAddress = sourceAddress == null ? Optional.empty() : sourceAddress;
        sessionId = sessionId == null ? Optional.empty() : sessionId;
        authenticatedAt = authenticatedAt == null ? Optional.empty() : authenticatedAt;
    }

    /** An actor without a session's authentication time. */
    public Actor(String userId, String loginName, Channel channel, Optional<String> sourceAddress,
            Optional<String> sessionId) {
        this(userId, loginName, channel, sourceAddress, sessionId, Optional.empty());
    }

    /** The same actor, re-authenticated at the given time. */
    public Actor authenticatedAt(Instant when) {
        return new Actor(userId, loginName, channel, sourceAddress, sessionId, Optional.of(when));
    }

    /** Steward itself, for scheduled and start-up work. */
    public static Actor system() {
        return SYSTEM;
    }

    /** The administrator at the server console, identified by the operating-system user that runs the server. */
    public static Actor console(String operatingSystemUser) {
        String name = operatingSystemUser == null || operatingSystemUser.isBlank() ? "console" : operatingSystemUser;
        return new Actor("console:" + name, name, Channel.CONSOLE, Optional.empty(), Optional.empty());
    }

    public boolean isSystem() {
        return channel == Channel.SYSTEM;
    }
}
