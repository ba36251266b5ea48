package org.steward.identity.internal;

import java.util.function.Supplier;

import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ValidationException;
import org.steward.identity.AdministrationPolicy;
import org.steward.identity.UserStatus;

/**
 * Who may administer users: decided by the installed {@link AdministrationPolicy} (the permissions module); without
 * one, the console, the system, the first administrator and holders of 'administrator'.
 */
final class AdministratorCheck {

    static final String ADMIN_ROLE = "administrator";

    private final Accounts accounts;
    private final Supplier<AdministrationPolicy> policy;

    AdministratorCheck(Accounts accounts, Supplier<AdministrationPolicy> policy) {
        this.accounts = accounts;
        this.policy = policy;
    }

    void require(Actor by, String action, String userId) {
        if (by == null) {
            throw new ValidationException("actor", "is required");
        }
        AdministrationPolicy installed = policy.get();
        if (installed != null) {
            if (installed.mayAdministerUsers(by)) {
                return;
            }
            accounts.audit(by, action, userId, Outcome.DENIED, "no ADMINISTER permission on identity");
            throw new AccessDeniedException(action, "the ADMINISTER permission on identity is required");
        }
        if (by.isSystem() || by.channel() == Channel.CONSOLE) {
            return;
        }
        boolean builtIn = Boolean.TRUE.equals(accounts.read(em -> {
            UserRecord r = em.find(UserRecord.class, by.userId());
            return r != null && r.builtInAdministrator && UserStatus.ACTIVE.name().equals(r.status);
        }));
        if (builtIn || accounts.rolesOf(by.userId()).stream().anyMatch(r -> r.equalsIgnoreCase(ADMIN_ROLE))) {
            return;
        }
        accounts.audit(by, action, userId, Outcome.DENIED, "not an administrator");
        throw new AccessDeniedException(action, "only administrators may manage users");
    }
}
