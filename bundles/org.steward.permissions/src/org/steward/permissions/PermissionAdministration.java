package org.steward.permissions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/**
 * Roles, profiles, assignments and sharing rules. Every change takes the acting principal, needs
 * {@link Operation#ADMINISTER} in module {@value #MODULE}, is audited (actions {@code permissions.*}, target module
 * {@value #MODULE}, never a personal value) and takes effect for the next decision. Reads need no actor: they are
 * configuration, not personal data.
 *
 * <p>
 * Errors: {@link org.steward.core.ValidationException} for malformed input (naming the field),
 * {@link org.steward.core.NotFoundException} for an unknown role, profile or rule,
 * {@link org.steward.core.ConflictException} for a duplicate, a cycle, a role or profile still in use, or a change of a
 * protected built-in profile, {@link org.steward.core.AccessDeniedException} when the actor may not administer.
 */
@ProviderType
public interface PermissionAdministration {

    /** The module name of permissions in profiles and audit entries. */
    String MODULE = "permissions";

    // ----- roles

    /** Creates a role below {@code parent} (empty for a top role). */
    Role createRole(Actor actor, String name, Optional<String> parent, String description);

    /** Moves a role below another (empty: to the top); a role cannot move below itself or its own subordinates. */
    Role moveRole(Actor actor, String name, Optional<String> newParent);

    /** Deletes a role that has no sub-roles, no users and no sharing rules. */
    void deleteRole(Actor actor, String name);

    /** Every role, parents before children, then by name. */
    List<Role> roles();

    Optional<Role> role(String name);

    /**
     * The user's role followed by its ancestors up to the top; empty when the user has no role. The identity module
     * applies per-role rules (MFA required, IP allow-lists) to this list.
     */
    List<Role> rolesOf(String userId);

    // ----- profiles

    /** Creates a profile as a copy of an existing one (typically a default profile), not built in. */
    Profile createProfile(Actor actor, String name, String copyOf, String description);

    /** Deletes a profile that is not built in and not assigned to anyone. */
    void deleteProfile(Actor actor, String name);

    List<Profile> profiles();

    Optional<Profile> profile(String name);

    /** Adds operations to the profile in a module ({@link Names#ALL}: every module without an entry of its own). */
    Profile grant(Actor actor, String profile, String module, Set<Operation> operations);

    /** Removes operations from the profile in a module. */
    Profile revoke(Actor actor, String profile, String module, Set<Operation> operations);

    /** Which records of the module the profile reaches. */
    Profile setRecordScope(Actor actor, String profile, String module, RecordScope scope);

    /** Sets an explicit field rule ({@code field} may be {@link Names#ALL} for every non-sensitive field). */
    Profile setFieldAccess(Actor actor, String profile, String module, String type, String field, FieldAccess access);

    /** Removes an explicit field rule: the field falls back to the default of its classification. */
    Profile clearFieldAccess(Actor actor, String profile, String module, String type, String field);

    /** The access to sensitive and special-category fields without an explicit rule. */
    Profile setSensitiveFieldAccess(Actor actor, String profile, FieldAccess access);

    // ----- assignments

    /** Gives the user this role (replacing the previous one). */
    Assignment assignRole(Actor actor, String userId, String role);

    /** Gives the user this profile (replacing the previous one). */
    Assignment assignProfile(Actor actor, String userId, String profile);

    /** Takes the role away: the user then reaches only their own records and those shared with them. */
    Assignment unassignRole(Actor actor, String userId);

    /** Takes the profile away: the user may then do nothing. */
    Assignment unassignProfile(Actor actor, String userId);

    Optional<Assignment> assignment(String userId);

    /** Every assignment, by user id. */
    List<Assignment> assignments();

    // ----- sharing

    /** Stores a sharing rule and returns it with its id. A rule with a role grantee needs an existing role. */
    SharingRule share(Actor actor, SharingRule rule);

    /** Removes a sharing rule. */
    void unshare(Actor actor, String ruleId);

    /**
     * Removes every sharing rule on one record, for a module that deletes or erases it.
     *
     * @return how many rules were removed
     */
    int unshareRecord(Actor actor, String module, String type, String recordId);

    /** The sharing rules of a module ({@link Names#ALL} for every module). */
    List<SharingRule> sharingRules(String module);

    // ----- modules

    /**
     * The operations each installed module declares through its {@link ModuleGrants} service, by module name: what an
     * administrator can grant in it.
     *
     * @since 1.1
     */
    Map<String, Set<Operation>> moduleOperations();
}
