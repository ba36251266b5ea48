package org.steward.permissions;

import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a module contributes to permissions (design rule 12: a capability contributes, nothing lists it): the
 * operations it checks and the grants the {@link DefaultProfiles} give in it. Register an instance as an OSGi service
 * (whiteboard). The permissions service applies a module's defaults to the default profiles the first time it sees
 * the module on a database, and records that it did: from then on the profiles are the administrator's, so an
 * administrator's later change is never overwritten, and a module that is stopped, removed and installed again does
 * not grant again what an administrator took away. A profile that already had an entry for the module before it
 * appeared keeps that entry. The {@link DefaultProfiles#ADMINISTRATOR Administrator} profile already grants everything
 * everywhere and is not changed; defaults for it are ignored.
 *
 * @since 1.1
 */
@ConsumerType
public interface ModuleGrants {

    /** The module name, as the module passes it to {@link AccessDecisions} ({@code contacts}, {@code tickets}). */
    String module();

    /** Every operation the module checks; the defaults grant only some of these. */
    Set<Operation> operations();

    /**
     * The default grants by default profile name ({@link DefaultProfiles}): each grant's module is {@link #module()}
     * and its operations are among {@link #operations()}. A profile left out gets nothing in the module.
     */
    Map<String, ModuleGrant> defaults();
}
