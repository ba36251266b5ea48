package org.steward.identity;

import org.osgi.annotation.versioning.ConsumerType;
import org.steward.core.Actor;

/**
 * Who may administer users (create, disable, unlock, reset, end sessions, set MFA and network rules). Implemented and
 * registered by the module that makes access decisions (the permissions module, as the ADMINISTER operation on
 * {@code identity}); without one, identity falls back to its own rule: the console, the system, the first
 * administrator and holders of the role "administrator".
 */
@ConsumerType
@FunctionalInterface
public interface AdministrationPolicy {

    /** Whether the actor may administer users. */
    boolean mayAdministerUsers(Actor actor);
}
