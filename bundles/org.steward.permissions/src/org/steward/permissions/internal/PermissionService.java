package org.steward.permissions.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Assignment;
import org.steward.permissions.Decision;
import org.steward.permissions.FieldAccess;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.Profile;
import org.steward.permissions.Purpose;
import org.steward.permissions.RecordRef;
import org.steward.permissions.RecordScope;
import org.steward.permissions.RecordVisibility;
import org.steward.permissions.Role;
import org.steward.permissions.SharingRule;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManagerFactory;

/**
 * The permissions module's component: opens its unit, wires the parts (decisions, roles, profiles, field rules,
 * assignments, sharing, the modules' contributed grants) and serves them as {@link AccessDecisions} and
 * {@link PermissionAdministration}. It tracks every module's {@link ModuleGrants}.
 */
@Component(service = { AccessDecisions.class, PermissionAdministration.class }, immediate = true,
        configurationPid = PermissionsConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PermissionsConfiguration.class)
public final class PermissionService implements AccessDecisions, PermissionAdministration {

    static final String UNIT = "permissions";
    static final int SCHEMA_VERSION = 1;

    private final EntityManagerFactory factory;
    private final PermissionStore store;
    private final Decisions decisions;
    private final Roles roles;
    private final Profiles profiles;
    private final FieldRules fieldRules;
    private final Assignments assignments;
    private final Sharing sharing;
    private final ContributedGrants contributed;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public PermissionService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference AuditLog audit, BundleContext context,
            PermissionsConfiguration config) {
        this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
        this.store = new PermissionStore(Transactions.of(factory, "the permissions database"), audit, logger,
                Duration.ofSeconds(Math.max(0, config.reloadSeconds())).toNanos());
        this.decisions = new Decisions(store, () -> clock,
                Duration.ofMinutes(Math.max(1, config.reauthenticationMinutes())), config.consoleIsAdministrator());
        this.roles = new Roles(store, decisions);
        this.profiles = new Profiles(store, decisions, logger);
        this.fieldRules = new FieldRules(store, decisions, profiles);
        this.assignments = new Assignments(store, decisions);
        this.sharing = new Sharing(store, decisions);
        this.contributed = new ContributedGrants(store, () -> clock, logger);
        try {
            profiles.seedDefaults();
            store.reload();
        } catch (RuntimeException e) {
            factory.close();
            throw e instanceof StewardException s ? s
                    : new UnavailableException("Cannot load roles and profiles (" + e.getClass().getSimpleName() + ")");
        }
        Model model = store.loaded();
        logger.info("Permissions ready: {} roles, {} profiles, {} assignments, {} sharing rules",
                model.roles().size(), model.profiles().size(), model.assignments().size(),
                model.sharingRules().size());
    }

    @Deactivate
    void deactivate() {
        factory.close();
    }

    /**
     * Called after the constructor for the modules there already, and whenever a module appears. Named so that it
     * is bound after the clock (references bind in the order of their names in the component description).
     */
    @Reference(name = "moduleGrants", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeModuleGrants")
    void addModuleGrants(ModuleGrants grants) {
        contributed.added(grants);
    }

    void removeModuleGrants(ModuleGrants grants) {
        contributed.removed(grants);
    }

    // ------------------------------------------------------------------------------------------ decisions

    @Override
    public Decision decide(Actor actor, Operation operation, String module, Optional<RecordRef> record) {
        return decisions.decide(actor, operation, module, record);
    }

    @Override
    public void require(Actor actor, Operation operation, String module, Optional<RecordRef> record) {
        decisions.require(actor, operation, module, record);
    }

    @Override
    public FieldAccessPlan fields(Actor actor, String module, String type, Map<String, DataClassification> catalogue,
            Purpose purpose) {
        return decisions.fields(actor, module, type, catalogue, purpose);
    }

    @Override
    public FieldAccessPlan requireFields(Actor actor, String module, String type,
            Map<String, DataClassification> catalogue, Purpose purpose, Collection<String> requested) {
        return decisions.requireFields(actor, module, type, catalogue, purpose, requested);
    }

    @Override
    public RecordVisibility visibility(Actor actor, String module, String type) {
        return decisions.visibility(actor, module, type);
    }

    // ------------------------------------------------------------------------------------------ roles

    @Override
    public Role createRole(Actor actor, String name, Optional<String> parent, String description) {
        return roles.create(actor, name, parent, description);
    }

    @Override
    public Role moveRole(Actor actor, String name, Optional<String> newParent) {
        return roles.move(actor, name, newParent);
    }

    @Override
    public void deleteRole(Actor actor, String name) {
        roles.delete(actor, name);
    }

    @Override
    public List<Role> roles() {
        return roles.all();
    }

    @Override
    public Optional<Role> role(String name) {
        return roles.role(name);
    }

    @Override
    public List<Role> rolesOf(String userId) {
        return roles.of(userId);
    }

    // ------------------------------------------------------------------------------------------ profiles

    @Override
    public Profile createProfile(Actor actor, String name, String copyOf, String description) {
        return profiles.create(actor, name, copyOf, description);
    }

    @Override
    public void deleteProfile(Actor actor, String name) {
        profiles.delete(actor, name);
    }

    @Override
    public List<Profile> profiles() {
        return profiles.all();
    }

    @Override
    public Optional<Profile> profile(String name) {
        return profiles.profile(name);
    }

    @Override
    public Profile grant(Actor actor, String profile, String module, Set<Operation> operations) {
        return profiles.changeOperations(actor, profile, module, operations, true);
    }

    @Override
    public Profile revoke(Actor actor, String profile, String module, Set<Operation> operations) {
        return profiles.changeOperations(actor, profile, module, operations, false);
    }

    @Override
    public Profile setRecordScope(Actor actor, String profile, String module, RecordScope scope) {
        return profiles.setRecordScope(actor, profile, module, scope);
    }

    @Override
    public Profile setFieldAccess(Actor actor, String profile, String module, String type, String field,
            FieldAccess access) {
        return fieldRules.set(actor, profile, module, type, field, access);
    }

    @Override
    public Profile clearFieldAccess(Actor actor, String profile, String module, String type, String field) {
        return fieldRules.clear(actor, profile, module, type, field);
    }

    @Override
    public Profile setSensitiveFieldAccess(Actor actor, String profile, FieldAccess access) {
        return fieldRules.setSensitive(actor, profile, access);
    }

    // ------------------------------------------------------------------------------------------ assignments

    @Override
    public Assignment assignRole(Actor actor, String userId, String role) {
        return assignments.assignRole(actor, userId, role);
    }

    @Override
    public Assignment assignProfile(Actor actor, String userId, String profile) {
        return assignments.assignProfile(actor, userId, profile);
    }

    @Override
    public Assignment unassignRole(Actor actor, String userId) {
        return assignments.unassignRole(actor, userId);
    }

    @Override
    public Assignment unassignProfile(Actor actor, String userId) {
        return assignments.unassignProfile(actor, userId);
    }

    @Override
    public Optional<Assignment> assignment(String userId) {
        return assignments.of(userId);
    }

    @Override
    public List<Assignment> assignments() {
        return assignments.all();
    }

    // ------------------------------------------------------------------------------------------ sharing

    @Override
    public SharingRule share(Actor actor, SharingRule rule) {
        return sharing.share(actor, rule);
    }

    @Override
    public void unshare(Actor actor, String ruleId) {
        sharing.unshare(actor, ruleId);
    }

    @Override
    public int unshareRecord(Actor actor, String module, String type, String recordId) {
        return sharing.unshareRecord(actor, module, type, recordId);
    }

    @Override
    public List<SharingRule> sharingRules(String module) {
        return sharing.rules(module);
    }

    // ------------------------------------------------------------------------------------------ modules

    @Override
    public Map<String, Set<Operation>> moduleOperations() {
        return contributed.declared();
    }
}
