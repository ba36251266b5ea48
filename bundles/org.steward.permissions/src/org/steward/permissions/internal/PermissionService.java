package org.steward.permissions.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ConflictException;
import org.steward.core.DataClassification;
import org.steward.core.NotFoundException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Assignment;
import org.steward.permissions.Decision;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.FieldAccess;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.FieldRule;
import org.steward.permissions.Grantee;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.Names;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.Profile;
import org.steward.permissions.Purpose;
import org.steward.permissions.ReauthenticationRequiredException;
import org.steward.permissions.RecordRef;
import org.steward.permissions.RecordScope;
import org.steward.permissions.RecordVisibility;
import org.steward.permissions.Role;
import org.steward.permissions.SharingRule;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Decisions from an in-memory {@link Model}, administration on the module's own persistence unit. Every change runs in
 * one transaction that also appends the audit entry before it commits, so that no change goes unaudited; the model is
 * rebuilt from the database right after the commit.
 */
@Component(service = { AccessDecisions.class, PermissionAdministration.class }, immediate = true,
        configurationPid = PermissionsConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PermissionsConfiguration.class)
public final class PermissionService implements AccessDecisions, PermissionAdministration {

    static final String UNIT = "permissions";
    static final int SCHEMA_VERSION = 1;

    private final Logger logger;
    private final AuditLog audit;
    private final EntityManagerFactory factory;
    private final Clock clock;
    private final Duration reauthenticationWindow;
    private final boolean consoleIsAdministrator;
    private final long reloadNanos;
    private final Object writeLock = new Object();
    private volatile Model model;
    private volatile long loadedAt;

    @Activate
    public PermissionService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference AuditLog audit, BundleContext context,
            PermissionsConfiguration config) {
        this.logger = logger;
        this.audit = audit;
        this.clock = Clock.systemUTC();
        this.reauthenticationWindow = Duration.ofMinutes(Math.max(1, config.reauthenticationMinutes()));
        this.consoleIsAdministrator = config.consoleIsAdministrator();
        this.reloadNanos = Duration.ofSeconds(Math.max(0, config.reloadSeconds())).toNanos();
        this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
        try {
            seedDefaultProfiles();
            reload();
        } catch (RuntimeException e) {
            factory.close();
            throw e instanceof StewardException s ? s
                    : new UnavailableException("Cannot load roles and profiles: " + e.getMessage(), e);
        }
        logger.info("Permissions ready: {} roles, {} profiles, {} assignments, {} sharing rules",
                model.roles().size(), model.profiles().size(), model.assignments().size(),
                model.sharingRules().size());
    }

    @Deactivate
    void deactivate() {
        factory.close();
    }

    // =================================================================================================== decisions

    private boolean privileged(Actor actor) {
        return actor.isSystem() || (consoleIsAdministrator && actor.channel() == Channel.CONSOLE);
    }

    private Model model() {
        if (reloadNanos > 0 && System.nanoTime() - loadedAt > reloadNanos) {
            synchronized (writeLock) {
                if (System.nanoTime() - loadedAt > reloadNanos) {
                    try {
                        reload();
                    } catch (RuntimeException e) {
                        // keep deciding on the last snapshot; try again next time
                        logger.warn("Cannot reload roles and profiles, still using the loaded ones: {}",
                                e.getMessage());
                        loadedAt = System.nanoTime();
                    }
                }
            }
        }
        return model;
    }

    private static Actor actor(Actor actor) {
        if (actor == null) {
            throw new ValidationException("actor", "is required");
        }
        return actor;
    }

    @Override
    public Decision decide(Actor actor, Operation operation, String module, Optional<RecordRef> record) {
        actor(actor);
        if (operation == null) {
            throw new ValidationException("operation", "is required");
        }
        String checkedModule = Names.module("module", module);
        Optional<RecordRef> checkedRecord = record == null ? Optional.empty() : record;
        if (checkedRecord.isPresent() && !checkedRecord.get().module().equals(checkedModule)) {
            throw new ValidationException("record", "belongs to module " + checkedRecord.get().module() + ", not "
                    + checkedModule);
        }
        if (privileged(actor)) {
            return Decision.allow(actor.isSystem() ? "system" : "server console");
        }
        return model().decide(actor, operation, checkedModule, checkedRecord);
    }

    @Override
    public void require(Actor actor, Operation operation, String module, Optional<RecordRef> record) {
        Decision decision = decide(actor, operation, module, record);
        if (decision.allowed()) {
            return;
        }
        AuditEvent.Builder event = AuditEvent.builder(actor, DENIED_ACTION).outcome(Outcome.DENIED)
                .details(operation + ": " + decision.reason());
        if (record != null && record.isPresent()) {
            event.target(record.get().module(), record.get().type(), record.get().id());
        } else {
            event.target(module.trim(), "module");
        }
        auditDenial(event);
        String what = operation.name().toLowerCase(Locale.ROOT) + " in " + module.trim();
        if (decision.reauthenticationRequired()) {
            throw new ReauthenticationRequiredException(what, decision.reason(), List.of());
        }
        throw new AccessDeniedException(what, decision.reason());
    }

    private void auditDenial(AuditEvent.Builder event) {
        try {
            audit.append(event.build());
        } catch (StewardException e) {
            // the refusal stands even when it cannot be recorded; the administrator must learn about the gap
            logger.error("A refusal could not be written to the audit log: {}", e.getMessage());
        }
    }

    @Override
    public FieldAccessPlan fields(Actor actor, String module, String type, Map<String, DataClassification> catalogue,
            Purpose purpose) {
        actor(actor);
        String checkedModule = Names.module("module", module);
        String checkedType = Names.type("type", type);
        if (catalogue == null) {
            throw new ValidationException("catalogue", "is required");
        }
        if (purpose == null) {
            throw new ValidationException("purpose", "is required");
        }
        for (String field : catalogue.keySet()) {
            if (field == null || field.isBlank() || Names.ALL.equals(field)) {
                throw new ValidationException("catalogue", "has a field without a name");
            }
        }
        return model().fields(actor, checkedModule, checkedType, catalogue, purpose, privileged(actor), clock.instant(),
                reauthenticationWindow);
    }

    @Override
    public FieldAccessPlan requireFields(Actor actor, String module, String type,
            Map<String, DataClassification> catalogue, Purpose purpose, Collection<String> requested) {
        FieldAccessPlan plan = fields(actor, module, type, catalogue, purpose);
        if (requested == null) {
            throw new ValidationException("fields", "are required");
        }
        Set<String> refused = new TreeSet<>();
        Set<String> reauthenticate = new TreeSet<>();
        for (String field : requested) {
            if (!catalogue.containsKey(field)) {
                throw new ValidationException("fields", "'" + field + "' is not a field of " + plan.module() + "/"
                        + plan.type());
            }
            if (plan.needsReauthentication(field)) {
                reauthenticate.add(field);
            } else if (purpose == Purpose.EDIT ? !plan.canWrite(field) : !plan.canRead(field)) {
                refused.add(field);
            }
        }
        if (refused.isEmpty() && reauthenticate.isEmpty()) {
            return plan;
        }
        String what = purpose.name().toLowerCase(Locale.ROOT) + " of " + plan.module() + "/" + plan.type() + " fields";
        if (!refused.isEmpty()) {
            String reason = (purpose == Purpose.EDIT ? "not writable" : "hidden") + " for this user: "
                    + String.join(", ", refused);
            auditDenial(AuditEvent.builder(actor, DENIED_ACTION).outcome(Outcome.DENIED)
                    .target(plan.module(), plan.type()).fields(List.copyOf(refused)).details(purpose + ": " + reason));
            throw new AccessDeniedException(what, reason);
        }
        String reason = "re-authentication required within " + reauthenticationWindow.toMinutes()
                + " minutes for sensitive fields: " + String.join(", ", reauthenticate);
        auditDenial(AuditEvent.builder(actor, DENIED_ACTION).outcome(Outcome.DENIED)
                .target(plan.module(), plan.type()).fields(List.copyOf(reauthenticate))
                .details(purpose + ": " + reason));
        throw new ReauthenticationRequiredException(what, reason, List.copyOf(reauthenticate));
    }

    @Override
    public RecordVisibility visibility(Actor actor, String module, String type) {
        actor(actor);
        String checkedModule = Names.module("module", module);
        String checkedType = Names.type("type", type);
        if (privileged(actor)) {
            return RecordVisibility.all();
        }
        return model().visibility(actor, checkedModule, checkedType);
    }

    // =================================================================================================== loading

    private void reload() {
        EntityManager em = factory.createEntityManager();
        try {
            List<Role> roles = em.createQuery("SELECT r FROM RoleRecord r ORDER BY r.name", RoleRecord.class)
                    .getResultList().stream().map(RoleRecord::toRole).toList();
            Map<String, Map<String, ModuleGrant>> grants = new HashMap<>();
            for (ModuleGrantRecord g : em.createQuery("SELECT g FROM ModuleGrantRecord g", ModuleGrantRecord.class)
                    .getResultList()) {
                grants.computeIfAbsent(g.profile(), k -> new HashMap<>()).put(g.module(), g.toGrant());
            }
            Map<String, List<FieldRule>> rules = new HashMap<>();
            for (FieldRuleRecord f : em.createQuery("SELECT f FROM FieldRuleRecord f", FieldRuleRecord.class)
                    .getResultList()) {
                rules.computeIfAbsent(f.profile(), k -> new ArrayList<>()).add(f.toRule());
            }
            List<Profile> profiles = em.createQuery("SELECT p FROM ProfileRecord p ORDER BY p.name",
                    ProfileRecord.class).getResultList().stream()
                    .map(p -> new Profile(p.name(), p.description(), p.builtIn(),
                            grants.getOrDefault(p.name(), Map.of()), rules.getOrDefault(p.name(), List.of()),
                            p.sensitiveAccess()))
                    .toList();
            List<Assignment> assignments = em.createQuery("SELECT a FROM AssignmentRecord a ORDER BY a.userId",
                    AssignmentRecord.class).getResultList().stream().map(AssignmentRecord::toAssignment).toList();
            List<SharingRule> sharing = em.createQuery("SELECT s FROM SharingRuleRecord s ORDER BY s.id",
                    SharingRuleRecord.class).getResultList().stream().map(SharingRuleRecord::toRule).toList();
            model = new Model(roles, profiles, assignments, sharing);
            loadedAt = System.nanoTime();
        } finally {
            em.close();
        }
    }

    private void seedDefaultProfiles() {
        for (Profile seed : DefaultProfileSeeds.all()) {
            EntityManager em = factory.createEntityManager();
            try {
                if (em.find(ProfileRecord.class, seed.name()) != null) {
                    continue;
                }
                em.getTransaction().begin();
                persistProfile(em, seed, true);
                em.flush();
                audit.append(AuditEvent.builder(Actor.system(), "permissions.profile.create")
                        .target(MODULE, "profile", seed.name()).details("built-in default profile").build());
                em.getTransaction().commit();
                logger.info("Created the default profile {}", seed.name());
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                if (!profileExists(seed.name())) { // another server may have created it at the same moment
                    throw e;
                }
            } finally {
                em.close();
            }
        }
    }

    private boolean profileExists(String name) {
        EntityManager em = factory.createEntityManager();
        try {
            return em.find(ProfileRecord.class, name) != null;
        } finally {
            em.close();
        }
    }

    private static void persistProfile(EntityManager em, Profile profile, boolean builtIn) {
        em.persist(new ProfileRecord(profile.name(), profile.description(), builtIn, profile.sensitiveFields()));
        for (ModuleGrant grant : profile.modules().values()) {
            em.persist(new ModuleGrantRecord(keyId(profile.name(), grant.module()), profile.name(), grant));
        }
        for (FieldRule rule : profile.fieldRules()) {
            em.persist(new FieldRuleRecord(keyId(profile.name(), rule.module(), rule.type(), rule.field()),
                    profile.name(), rule));
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The id of a profile's entry for a module or a field: derived from its key, so that the primary key keeps the key
     * unique even when two servers on one database change the same profile at once.
     */
    static String keyId(String... key) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", key).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    // =================================================================================================== changes

    private void requireAdministrator(Actor actor) {
        require(actor(actor), Operation.ADMINISTER, MODULE, Optional.empty());
    }

    /**
     * Runs a change in one transaction, appends its audit entry before the commit (a change whose entry cannot be
     * written is rolled back), and rebuilds the model after it.
     */
    private <T> T change(Actor actor, String action, String targetType, String targetId, String details,
            Function<EntityManager, T> work) {
        requireAdministrator(actor);
        synchronized (writeLock) {
            EntityManager em = factory.createEntityManager();
            boolean audited = false;
            try {
                em.getTransaction().begin();
                T result = work.apply(em);
                em.flush();
                audit.append(AuditEvent.builder(actor, action).target(MODULE, targetType, targetId).details(details)
                        .build());
                audited = true;
                em.getTransaction().commit();
                return result;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                if (audited) {
                    auditDenial(AuditEvent.builder(actor, action).target(MODULE, targetType, targetId)
                            .outcome(Outcome.FAILED).details("not committed: " + details));
                }
                if (e instanceof StewardException) {
                    throw e;
                }
                throw new UnavailableException("The permission change could not be saved: " + e.getMessage(), e);
            } finally {
                em.close();
                reload();
            }
        }
    }

    // ----- roles

    private static Optional<String> optionalRole(String field, Optional<String> name) {
        return name == null ? Optional.empty()
                : name.filter(n -> !n.isBlank()).map(n -> Names.roleOrProfile(field, n));
    }

    private static RoleRecord existingRole(EntityManager em, String name) {
        RoleRecord role = em.find(RoleRecord.class, name);
        if (role == null) {
            throw new NotFoundException("Role", name);
        }
        return role;
    }

    @Override
    public Role createRole(Actor actor, String name, Optional<String> parent, String description) {
        String checked = Names.roleOrProfile("name", name);
        Optional<String> checkedParent = optionalRole("parent", parent);
        String text = description == null ? "" : description.strip();
        if (text.length() > 500) {
            throw new ValidationException("description", "is longer than 500 characters");
        }
        return change(actor, "permissions.role.create", "role", checked,
                checkedParent.map(p -> "parent=" + p).orElse("top role"), em -> {
                    if (em.find(RoleRecord.class, checked) != null) {
                        throw new ConflictException("A role named '" + checked + "' already exists");
                    }
                    checkedParent.ifPresent(p -> existingRole(em, p));
                    RoleRecord record = new RoleRecord(checked, checkedParent.orElse(null), text);
                    em.persist(record);
                    return record.toRole();
                });
    }

    @Override
    public Role moveRole(Actor actor, String name, Optional<String> newParent) {
        String checked = Names.roleOrProfile("name", name);
        Optional<String> checkedParent = optionalRole("parent", newParent);
        return change(actor, "permissions.role.move", "role", checked,
                checkedParent.map(p -> "parent=" + p).orElse("top role"), em -> {
                    RoleRecord role = existingRole(em, checked);
                    if (checkedParent.isPresent()) {
                        // walk up from the new parent: meeting the role itself would make a cycle
                        Set<String> seen = new TreeSet<>();
                        RoleRecord step = existingRole(em, checkedParent.get());
                        while (step != null && seen.add(step.name())) {
                            if (step.name().equals(checked)) {
                                throw new ConflictException("Role '" + checked + "' cannot move below '"
                                        + checkedParent.get() + "', which is itself or one of its subordinates");
                            }
                            Optional<String> up = step.toRole().parent();
                            step = up.map(u -> em.find(RoleRecord.class, u)).orElse(null);
                        }
                    }
                    role.parent(checkedParent.orElse(null));
                    return role.toRole();
                });
    }

    @Override
    public void deleteRole(Actor actor, String name) {
        String checked = Names.roleOrProfile("name", name);
        change(actor, "permissions.role.delete", "role", checked, "", em -> {
            RoleRecord role = existingRole(em, checked);
            long children = count(em, "SELECT COUNT(r) FROM RoleRecord r WHERE r.parent = :name", checked);
            long users = count(em, "SELECT COUNT(a) FROM AssignmentRecord a WHERE a.role = :name", checked);
            long rules = count(em, "SELECT COUNT(s) FROM SharingRuleRecord s WHERE s.granteeKind = 'ROLE' "
                    + "AND s.granteeId = :name", checked);
            if (children + users + rules > 0) {
                throw new ConflictException("Role '" + checked + "' is still in use: " + children + " sub-roles, "
                        + users + " users, " + rules + " sharing rules");
            }
            em.remove(role);
            return null;
        });
    }

    private static long count(EntityManager em, String jpql, String name) {
        return em.createQuery(jpql, Long.class).setParameter("name", name).getSingleResult();
    }

    @Override
    public List<Role> roles() {
        Model current = model();
        List<Role> ordered = new ArrayList<>();
        Map<Optional<String>, List<Role>> byParent = current.roles().values().stream()
                .collect(Collectors.groupingBy(Role::parent));
        addTree(Optional.empty(), byParent, ordered);
        // roles whose parent is missing (a hand-edited table) still show
        current.roles().values().stream().filter(r -> !ordered.contains(r)).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    private static void addTree(Optional<String> parent, Map<Optional<String>, List<Role>> byParent,
            List<Role> into) {
        for (Role role : byParent.getOrDefault(parent, List.of()).stream().sorted(Comparator.comparing(Role::name))
                .toList()) {
            if (!into.contains(role)) {
                into.add(role);
                addTree(Optional.of(role.name()), byParent, into);
            }
        }
    }

    @Override
    public Optional<Role> role(String name) {
        return Optional.ofNullable(model().roles().get(name));
    }

    @Override
    public List<Role> rolesOf(String userId) {
        Model current = model();
        Assignment assignment = current.assignments().get(userId);
        if (assignment == null || assignment.role().isEmpty()) {
            return List.of();
        }
        return current.ancestry(assignment.role().get());
    }

    // ----- profiles

    private static ProfileRecord existingProfile(EntityManager em, String name) {
        ProfileRecord profile = em.find(ProfileRecord.class, name);
        if (profile == null) {
            throw new NotFoundException("Profile", name);
        }
        return profile;
    }

    private static ProfileRecord changeableProfile(EntityManager em, String name) {
        ProfileRecord profile = existingProfile(em, name);
        if (DefaultProfiles.ADMINISTRATOR.equals(profile.name())) {
            throw new ConflictException("The Administrator profile cannot be changed, so that one profile can always "
                    + "repair the others; copy it to make a variant");
        }
        return profile;
    }

    private Profile loadedProfile(String name) {
        return model.profiles().get(name);
    }

    @Override
    public Profile createProfile(Actor actor, String name, String copyOf, String description) {
        String checked = Names.roleOrProfile("name", name);
        String source = Names.roleOrProfile("copyOf", copyOf);
        String text = description == null ? "" : description.strip();
        if (text.length() > 500) {
            throw new ValidationException("description", "is longer than 500 characters");
        }
        change(actor, "permissions.profile.create", "profile", checked, "copy of '" + source + "'", em -> {
            if (em.find(ProfileRecord.class, checked) != null) {
                throw new ConflictException("A profile named '" + checked + "' already exists");
            }
            existingProfile(em, source);
            Profile original = model.profiles().get(source);
            if (original == null) {
                throw new NotFoundException("Profile", source);
            }
            persistProfile(em, new Profile(checked, text, false, original.modules(), original.fieldRules(),
                    original.sensitiveFields()), false);
            return null;
        });
        return loadedProfile(checked);
    }

    @Override
    public void deleteProfile(Actor actor, String name) {
        String checked = Names.roleOrProfile("name", name);
        change(actor, "permissions.profile.delete", "profile", checked, "", em -> {
            ProfileRecord profile = existingProfile(em, checked);
            if (profile.builtIn()) {
                throw new ConflictException("The default profile '" + checked + "' cannot be deleted");
            }
            long users = count(em, "SELECT COUNT(a) FROM AssignmentRecord a WHERE a.profile = :name", checked);
            if (users > 0) {
                throw new ConflictException("Profile '" + checked + "' is still assigned to " + users + " users");
            }
            em.createQuery("DELETE FROM ModuleGrantRecord g WHERE g.profile = :name").setParameter("name", checked)
                    .executeUpdate();
            em.createQuery("DELETE FROM FieldRuleRecord f WHERE f.profile = :name").setParameter("name", checked)
                    .executeUpdate();
            em.remove(profile);
            return null;
        });
    }

    @Override
    public List<Profile> profiles() {
        return List.copyOf(model().profiles().values());
    }

    @Override
    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(model().profiles().get(name));
    }

    /** The profile's own entry for a module, created from the entry for every module when it has none. */
    private static ModuleGrantRecord moduleEntry(EntityManager em, String profile, String module) {
        List<ModuleGrantRecord> found = em.createQuery(
                "SELECT g FROM ModuleGrantRecord g WHERE g.profile = :profile AND g.module = :module",
                ModuleGrantRecord.class).setParameter("profile", profile).setParameter("module", module)
                .getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        ModuleGrant base = new ModuleGrant(module, Set.of(), RecordScope.HIERARCHY);
        if (!Names.ALL.equals(module)) {
            List<ModuleGrantRecord> all = em.createQuery(
                    "SELECT g FROM ModuleGrantRecord g WHERE g.profile = :profile AND g.module = :module",
                    ModuleGrantRecord.class).setParameter("profile", profile).setParameter("module", Names.ALL)
                    .getResultList();
            if (!all.isEmpty()) {
                ModuleGrant every = all.get(0).toGrant();
                base = new ModuleGrant(module, every.operations(), every.scope());
            }
        }
        ModuleGrantRecord created = new ModuleGrantRecord(keyId(profile, module), profile, base);
        em.persist(created);
        return created;
    }

    private static Set<Operation> operations(Set<Operation> operations) {
        if (operations == null || operations.isEmpty() || operations.stream().anyMatch(Objects::isNull)) {
            throw new ValidationException("operations", "name at least one operation");
        }
        return EnumSet.copyOf(operations);
    }

    private static String names(Set<Operation> operations) {
        return operations.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Profile grant(Actor actor, String profile, String module, Set<Operation> operations) {
        return changeOperations(actor, profile, module, operations, true);
    }

    @Override
    public Profile revoke(Actor actor, String profile, String module, Set<Operation> operations) {
        return changeOperations(actor, profile, module, operations, false);
    }

    private Profile changeOperations(Actor actor, String profile, String module, Set<Operation> operations,
            boolean add) {
        String checked = Names.roleOrProfile("profile", profile);
        String checkedModule = Names.moduleOrAll("module", module);
        Set<Operation> ops = operations(operations);
        change(actor, add ? "permissions.profile.grant" : "permissions.profile.revoke", "profile", checked,
                "module=" + checkedModule + "; operations=" + names(ops), em -> {
                    changeableProfile(em, checked);
                    ModuleGrantRecord entry = moduleEntry(em, checked, checkedModule);
                    ModuleGrant current = entry.toGrant();
                    Set<Operation> next = current.operations().isEmpty() ? EnumSet.noneOf(Operation.class)
                            : EnumSet.copyOf(current.operations());
                    if (add) {
                        next.addAll(ops);
                    } else {
                        next.removeAll(ops);
                    }
                    entry.update(next, current.scope());
                    return null;
                });
        return loadedProfile(checked);
    }

    @Override
    public Profile setRecordScope(Actor actor, String profile, String module, RecordScope scope) {
        String checked = Names.roleOrProfile("profile", profile);
        String checkedModule = Names.moduleOrAll("module", module);
        if (scope == null) {
            throw new ValidationException("scope", "is required");
        }
        change(actor, "permissions.profile.scope", "profile", checked,
                "module=" + checkedModule + "; scope=" + scope, em -> {
                    changeableProfile(em, checked);
                    ModuleGrantRecord entry = moduleEntry(em, checked, checkedModule);
                    entry.update(entry.toGrant().operations(), scope);
                    return null;
                });
        return loadedProfile(checked);
    }

    private static List<FieldRuleRecord> fieldRule(EntityManager em, String profile, FieldRule key) {
        return em.createQuery("SELECT f FROM FieldRuleRecord f WHERE f.profile = :profile AND f.module = :module "
                + "AND f.recordType = :type AND f.field = :field", FieldRuleRecord.class)
                .setParameter("profile", profile).setParameter("module", key.module())
                .setParameter("type", key.type()).setParameter("field", key.field()).getResultList();
    }

    @Override
    public Profile setFieldAccess(Actor actor, String profile, String module, String type, String field,
            FieldAccess access) {
        String checked = Names.roleOrProfile("profile", profile);
        if (access == null) {
            throw new ValidationException("access", "is required");
        }
        FieldRule rule = new FieldRule(module, type, field, access);
        change(actor, "permissions.field.set", "profile", checked,
                "module=" + rule.module() + "; type=" + rule.type() + "; field=" + rule.field() + "; access=" + access,
                em -> {
                    changeableProfile(em, checked);
                    List<FieldRuleRecord> existing = fieldRule(em, checked, rule);
                    if (existing.isEmpty()) {
                        em.persist(new FieldRuleRecord(
                                keyId(checked, rule.module(), rule.type(), rule.field()), checked, rule));
                    } else {
                        existing.get(0).access(access);
                    }
                    return null;
                });
        return loadedProfile(checked);
    }

    @Override
    public Profile clearFieldAccess(Actor actor, String profile, String module, String type, String field) {
        String checked = Names.roleOrProfile("profile", profile);
        FieldRule rule = new FieldRule(module, type, field, FieldAccess.HIDDEN);
        change(actor, "permissions.field.clear", "profile", checked,
                "module=" + rule.module() + "; type=" + rule.type() + "; field=" + rule.field(), em -> {
                    changeableProfile(em, checked);
                    List<FieldRuleRecord> existing = fieldRule(em, checked, rule);
                    if (existing.isEmpty()) {
                        throw new NotFoundException("Field rule",
                                rule.module() + "/" + rule.type() + "/" + rule.field() + " of profile " + checked);
                    }
                    existing.forEach(em::remove);
                    return null;
                });
        return loadedProfile(checked);
    }

    @Override
    public Profile setSensitiveFieldAccess(Actor actor, String profile, FieldAccess access) {
        String checked = Names.roleOrProfile("profile", profile);
        if (access == null) {
            throw new ValidationException("access", "is required");
        }
        change(actor, "permissions.profile.sensitive", "profile", checked, "sensitive fields=" + access, em -> {
            changeableProfile(em, checked).sensitiveAccess(access);
            return null;
        });
        return loadedProfile(checked);
    }

    // ----- assignments

    @Override
    public Assignment assignRole(Actor actor, String userId, String role) {
        String user = Names.userId("userId", userId);
        String checked = Names.roleOrProfile("role", role);
        return change(actor, "permissions.assignment.role", "assignment", user, "role=" + checked, em -> {
            existingRole(em, checked);
            AssignmentRecord assignment = em.find(AssignmentRecord.class, user);
            if (assignment == null) {
                assignment = new AssignmentRecord(user);
                em.persist(assignment);
            }
            assignment.role(checked);
            return assignment.toAssignment();
        });
    }

    @Override
    public Assignment assignProfile(Actor actor, String userId, String profile) {
        String user = Names.userId("userId", userId);
        String checked = Names.roleOrProfile("profile", profile);
        return change(actor, "permissions.assignment.profile", "assignment", user, "profile=" + checked, em -> {
            existingProfile(em, checked);
            AssignmentRecord assignment = em.find(AssignmentRecord.class, user);
            if (assignment == null) {
                assignment = new AssignmentRecord(user);
                em.persist(assignment);
            }
            assignment.profile(checked);
            return assignment.toAssignment();
        });
    }

    @Override
    public Assignment unassignRole(Actor actor, String userId) {
        String user = Names.userId("userId", userId);
        return change(actor, "permissions.assignment.role", "assignment", user, "role removed",
                em -> unassign(em, user, true));
    }

    @Override
    public Assignment unassignProfile(Actor actor, String userId) {
        String user = Names.userId("userId", userId);
        return change(actor, "permissions.assignment.profile", "assignment", user, "profile removed",
                em -> unassign(em, user, false));
    }

    private static Assignment unassign(EntityManager em, String user, boolean role) {
        AssignmentRecord assignment = em.find(AssignmentRecord.class, user);
        Assignment before = assignment == null ? null : assignment.toAssignment();
        if (before == null || (role ? before.role() : before.profile()).isEmpty()) {
            throw new NotFoundException(role ? "Role assignment of user" : "Profile assignment of user", user);
        }
        if (role) {
            assignment.role(null);
        } else {
            assignment.profile(null);
        }
        Assignment after = assignment.toAssignment();
        if (assignment.empty()) {
            em.remove(assignment);
        }
        return after;
    }

    @Override
    public Optional<Assignment> assignment(String userId) {
        return Optional.ofNullable(model().assignments().get(userId));
    }

    @Override
    public List<Assignment> assignments() {
        return List.copyOf(model().assignments().values());
    }

    // ----- sharing

    @Override
    public SharingRule share(Actor actor, SharingRule rule) {
        Objects.requireNonNull(rule, "rule");
        String id = newId();
        SharingRule stored = new SharingRule(id, rule.module(), rule.type(), rule.recordId(), rule.ownerUserId(),
                rule.grantee(), rule.access());
        String details = "module=" + stored.module() + "; type=" + (stored.type().isEmpty() ? "*" : stored.type())
                + stored.recordId().map(r -> "; record=" + r).orElse("")
                + stored.ownerUserId().map(o -> "; owner=" + o).orElse("") + "; grantee=" + stored.grantee()
                + "; access=" + stored.access();
        return change(actor, "permissions.sharing.add", "sharing-rule", id, details, em -> {
            if (stored.grantee().kind() == Grantee.Kind.ROLE) {
                existingRole(em, stored.grantee().id());
            }
            em.persist(new SharingRuleRecord(id, stored));
            return stored;
        });
    }

    @Override
    public void unshare(Actor actor, String ruleId) {
        if (ruleId == null || ruleId.isBlank()) {
            throw new ValidationException("ruleId", "is required");
        }
        String id = ruleId.trim();
        change(actor, "permissions.sharing.remove", "sharing-rule", id, "", em -> {
            SharingRuleRecord rule = em.find(SharingRuleRecord.class, id);
            if (rule == null) {
                throw new NotFoundException("Sharing rule", id);
            }
            em.remove(rule);
            return null;
        });
    }

    @Override
    public int unshareRecord(Actor actor, String module, String type, String recordId) {
        RecordRef record = RecordRef.unowned(module, type, recordId);
        actor(actor);
        // the module that deletes or erases the record may drop its rules; so may an administrator
        if (!decide(actor, Operation.DELETE, record.module(), Optional.empty()).allowed()
                && !decide(actor, Operation.ERASE, record.module(), Optional.empty()).allowed()) {
            requireAdministrator(actor);
        }
        synchronized (writeLock) {
            EntityManager em = factory.createEntityManager();
            try {
                em.getTransaction().begin();
                int removed = em.createQuery("DELETE FROM SharingRuleRecord s WHERE s.module = :module AND "
                        + "s.recordType = :type AND s.recordId = :id").setParameter("module", record.module())
                        .setParameter("type", record.type()).setParameter("id", record.id()).executeUpdate();
                if (removed > 0) {
                    audit.append(AuditEvent.builder(actor, "permissions.sharing.remove")
                            .target(record.module(), record.type(), record.id())
                            .details(removed + " sharing rules of the record removed").build());
                }
                em.getTransaction().commit();
                return removed;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e instanceof StewardException s ? s
                        : new UnavailableException("The sharing rules could not be removed: " + e.getMessage(), e);
            } finally {
                em.close();
                reload();
            }
        }
    }

    @Override
    public List<SharingRule> sharingRules(String module) {
        String checked = Names.moduleOrAll("module", module);
        return model().sharingRules().stream().filter(r -> Names.ALL.equals(checked) || r.module().equals(checked))
                .toList();
    }
}
