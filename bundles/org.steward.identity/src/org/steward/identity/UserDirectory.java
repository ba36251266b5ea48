package org.steward.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.Violation;

/**
 * Administration of users and of the access rules the identity module keeps. Every method that changes something
 * takes the acting administrator, refuses actors who may not administer users ({@link org.steward.core.AccessDeniedException},
 * audited) and writes an audit entry. Passwords and one-time passwords are never logged or audited.
 */
@ProviderType
public interface UserDirectory {

    /**
     * Creates a user with a random one-time password that must be changed at the first login.
     *
     * @throws org.steward.core.ValidationException naming the field at fault
     * @throws org.steward.core.ConflictException when the login name is taken (regardless of case)
     */
    UserCreated create(Actor by, NewUser user);

    /** The user with this login name, regardless of case. */
    Optional<User> find(String loginName);

    /**
     * The user with this id.
     *
     * @throws org.steward.core.NotFoundException when there is none
     */
    User get(String userId);

    /** Every user, by login name. */
    List<User> list();

    /** Disables a user and ends their sessions. */
    User disable(Actor by, String userId);

    /** Enables a disabled user. */
    User enable(Actor by, String userId);

    /** Lifts every lock and backoff of the account (for every address). */
    void unlock(Actor by, String userId);

    /**
     * Replaces the password with a random one-time password, ends the user's sessions and forces a change at the next
     * login.
     */
    UserCreated resetPassword(Actor by, String userId);

    /** Removes the user's TOTP authenticator and recovery codes, e.g. after a lost phone; ends their sessions. */
    void resetMfa(Actor by, String userId);

    /** Ends every session of the user; returns how many were ended. */
    int endSessions(Actor by, String userId);

    /**
     * Checks a candidate password against the policy for this user (length for their MFA state, the common-password
     * list, their login name and e-mail, and the optional composition rules and history), without changing anything.
     *
     * @return every rule the password breaks, under the field {@code password}; empty when acceptable
     */
    List<Violation> checkPassword(String userId, String password);

    /**
     * Sets the networks (CIDR such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}, or single addresses) a user may
     * log in from; empty removes the user's rule. When a user or one of their roles has rules, a login and every use of
     * a session is allowed only from a matching address.
     */
    void setUserNetworks(Actor by, String userId, List<String> networks);

    /** The networks of a role; empty removes the role's rule. */
    void setRoleNetworks(Actor by, String role, List<String> networks);

    /** The networks set for a user. */
    List<String> userNetworks(String userId);

    /** The networks set for a role. */
    List<String> roleNetworks(String role);

    /** Whether holders of the role must use a second factor; those without one must enrol at their next login. */
    void setMfaRequired(Actor by, String role, boolean required);

    /** The roles whose holders must use a second factor. */
    Set<String> mfaRequiredRoles();

    /** The module's state. */
    IdentityStatus status();
}
