package org.steward.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.ValidationException;

/** The IP allow-lists of users and roles, and the roles whose holders must use a second factor. */
final class AccessRules {

    private final Accounts accounts;
    private final AdministratorCheck administrators;

    AccessRules(Accounts accounts, AdministratorCheck administrators) {
        this.accounts = accounts;
        this.administrators = administrators;
    }

    void setUserNetworks(Actor by, String userId, List<String> networks) {
        administrators.require(by, "identity.rule.networks", userId);
        accounts.read(em -> Accounts.required(em, userId));
        accounts.refuseIfRestricted(by, "identity.rule.networks", userId);
        save("user:" + userId, networks);
        accounts.audit(by, "identity.rule.networks", userId, Outcome.SUCCESS, "user allow-list: "
                + (networks == null ? 0 : networks.size()) + " networks");
    }

    void setRoleNetworks(Actor by, String role, List<String> networks) {
        administrators.require(by, "identity.rule.networks", "");
        save(roleKey(role), networks);
        accounts.log().append(AuditEvent.builder(by, "identity.rule.networks")
                .target(Accounts.MODULE, "role", roleName(role))
                .details("role allow-list: " + (networks == null ? 0 : networks.size()) + " networks").build());
    }

    private static String roleName(String role) {
        if (role == null || role.isBlank() || role.length() > 200) {
            throw new ValidationException("role", "is required (at most 200 characters)");
        }
        return role.strip();
    }

    private static String roleKey(String role) {
        return "role:" + roleName(role).toLowerCase(Locale.ROOT);
    }

    private void save(String subject, List<String> networks) {
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < (networks == null ? 0 : networks.size()); i++) {
            canonical.add(Networks.canonical("networks[" + i + "]", networks.get(i)));
        }
        String joined = String.join(",", canonical);
        if (joined.length() > 4000) {
            throw new ValidationException("networks", "are too many (at most 4000 characters in all)");
        }
        accounts.run(em -> {
            AccessRuleRecord rule = em.find(AccessRuleRecord.class, subject);
            if (rule == null) {
                rule = new AccessRuleRecord();
                rule.subject = subject;
                em.persist(rule);
            }
            rule.networks = joined.isEmpty() ? null : joined;
        });
    }

    private List<String> networksOf(String subject) {
        AccessRuleRecord rule = accounts.read(em -> em.find(AccessRuleRecord.class, subject));
        return rule == null || rule.networks == null ? List.of() : List.of(rule.networks.split(","));
    }

    List<String> userNetworks(String userId) {
        return networksOf("user:" + userId);
    }

    List<String> roleNetworks(String role) {
        return networksOf(roleKey(role));
    }

    /** Removes the user's own allow-list inside the caller's transaction (erasure). */
    static void removeUserRule(jakarta.persistence.EntityManager em, String userId) {
        AccessRuleRecord rule = em.find(AccessRuleRecord.class, "user:" + userId);
        if (rule != null) {
            em.remove(rule);
        }
    }

    void setMfaRequired(Actor by, String role, boolean required) {
        administrators.require(by, "identity.rule.mfa", "");
        String key = roleKey(role);
        accounts.run(em -> {
            AccessRuleRecord rule = em.find(AccessRuleRecord.class, key);
            if (rule == null) {
                rule = new AccessRuleRecord();
                rule.subject = key;
                em.persist(rule);
            }
            rule.mfaRequired = required;
        });
        accounts.log().append(AuditEvent.builder(by, "identity.rule.mfa").target(Accounts.MODULE, "role", roleName(role))
                .details(required ? "MFA required" : "MFA not required").build());
    }

    Set<String> mfaRequiredRoles() {
        return accounts.read(em -> new TreeSet<>(em.createQuery(
                "SELECT r.subject FROM AccessRuleRecord r WHERE r.mfaRequired = TRUE", String.class).getResultList()
                .stream().filter(s -> s.startsWith("role:")).map(s -> s.substring(5)).toList()));
    }

    boolean mfaRequired(UserRecord user) {
        Set<String> required = mfaRequiredRoles();
        return !required.isEmpty()
                && accounts.rolesOf(user.id).stream().anyMatch(r -> required.contains(r.toLowerCase(Locale.ROOT)));
    }

    /** Whether the user may act from the address: allowed when neither the user nor any role has networks. */
    boolean addressAllowed(UserRecord user, String source) {
        List<String> networks = new ArrayList<>(userNetworks(user.id));
        for (String role : accounts.rolesOf(user.id)) {
            networks.addAll(networksOf("role:" + role.toLowerCase(Locale.ROOT)));
        }
        return networks.isEmpty() || Networks.matches(networks, source);
    }
}
