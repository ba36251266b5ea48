package org.steward.permissions.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.permissions.Assignment;
import org.steward.permissions.Decision;
import org.steward.permissions.FieldAccess;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.FieldRule;
import org.steward.permissions.Grantee;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.Names;
import org.steward.permissions.Operation;
import org.steward.permissions.Profile;
import org.steward.permissions.Purpose;
import org.steward.permissions.RecordAccess;
import org.steward.permissions.RecordRef;
import org.steward.permissions.RecordScope;
import org.steward.permissions.RecordVisibility;
import org.steward.permissions.Role;
import org.steward.permissions.SharingRule;

/**
 * An immutable snapshot of roles, profiles, assignments and sharing rules with the indexes decisions need. Built from
 * the database after every change; decisions read it without locks or queries.
 */
final class Model {

    private final Map<String, Role> roles;
    /** role -> every role strictly below it */
    private final Map<String, Set<String>> below;
    private final Map<String, Profile> profiles;
    /** profile -> "module/type/field" -> rule */
    private final Map<String, Map<String, FieldAccess>> fieldRules;
    private final Map<String, Assignment> assignments;
    /** role -> users assigned to it */
    private final Map<String, Set<String>> usersByRole;
    private final List<SharingRule> sharingRules;
    /** "module/type/id" -> record rules */
    private final Map<String, List<SharingRule>> recordShares;
    /** "module/owner" -> owner rules */
    private final Map<String, List<SharingRule>> ownerShares;

    Model(Collection<Role> roleList, Collection<Profile> profileList, Collection<Assignment> assignmentList,
            Collection<SharingRule> rules) {
        Map<String, Role> r = new LinkedHashMap<>();
        roleList.forEach(role -> r.put(role.name(), role));
        this.roles = Collections.unmodifiableMap(r);
        Map<String, Set<String>> children = new HashMap<>();
        roleList.forEach(role -> role.parent().ifPresent(p -> children.computeIfAbsent(p, k -> new HashSet<>())
                .add(role.name())));
        Map<String, Set<String>> b = new HashMap<>();
        for (Role role : roleList) {
            Set<String> all = new HashSet<>();
            collect(role.name(), children, all);
            all.remove(role.name()); // a cycle can only come from a hand-edited table; never count oneself
            b.put(role.name(), Set.copyOf(all));
        }
        this.below = b;
        Map<String, Profile> p = new LinkedHashMap<>();
        Map<String, Map<String, FieldAccess>> f = new HashMap<>();
        for (Profile profile : profileList) {
            p.put(profile.name(), profile);
            Map<String, FieldAccess> byKey = new HashMap<>();
            for (FieldRule rule : profile.fieldRules()) {
                byKey.put(key(rule.module(), rule.type(), rule.field()), rule.access());
            }
            f.put(profile.name(), byKey);
        }
        this.profiles = Collections.unmodifiableMap(p);
        this.fieldRules = f;
        Map<String, Assignment> a = new LinkedHashMap<>();
        Map<String, Set<String>> u = new HashMap<>();
        for (Assignment assignment : assignmentList) {
            a.put(assignment.userId(), assignment);
            assignment.role().ifPresent(role -> u.computeIfAbsent(role, k -> new HashSet<>()).add(assignment.userId()));
        }
        this.assignments = Collections.unmodifiableMap(a);
        this.usersByRole = u;
        this.sharingRules = List.copyOf(rules);
        Map<String, List<SharingRule>> rs = new HashMap<>();
        Map<String, List<SharingRule>> os = new HashMap<>();
        for (SharingRule rule : rules) {
            if (rule.recordId().isPresent()) {
                rs.computeIfAbsent(key(rule.module(), rule.type(), rule.recordId().get()), k -> new ArrayList<>())
                        .add(rule);
            } else {
                os.computeIfAbsent(key(rule.module(), rule.ownerUserId().get()), k -> new ArrayList<>()).add(rule);
            }
        }
        this.recordShares = rs;
        this.ownerShares = os;
    }

    private static void collect(String role, Map<String, Set<String>> children, Set<String> into) {
        for (String child : children.getOrDefault(role, Set.of())) {
            if (into.add(child)) {
                collect(child, children, into);
            }
        }
    }

    static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    // ----- reads for administration

    Map<String, Role> roles() {
        return roles;
    }

    Map<String, Profile> profiles() {
        return profiles;
    }

    Map<String, Assignment> assignments() {
        return assignments;
    }

    List<SharingRule> sharingRules() {
        return sharingRules;
    }

    Set<String> below(String role) {
        return below.getOrDefault(role, Set.of());
    }

    Set<String> usersIn(String role) {
        return usersByRole.getOrDefault(role, Set.of());
    }

    /** The role and its ancestors, nearest first. */
    List<Role> ancestry(String role) {
        List<Role> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Role current = roles.get(role);
        while (current != null && seen.add(current.name())) {
            chain.add(current);
            current = current.parent().map(roles::get).orElse(null);
        }
        return chain;
    }

    // ----- decisions

    /** The profile of a user, empty when the user has none (deny by default). */
    Optional<Profile> profileOf(String userId) {
        Assignment assignment = assignments.get(userId);
        if (assignment == null || assignment.profile().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(profiles.get(assignment.profile().get()));
    }

    Decision decide(Actor actor, Operation operation, String module, Optional<RecordRef> record) {
        Optional<Profile> found = profileOf(actor.userId());
        if (found.isEmpty()) {
            return Decision.deny("no profile is assigned to user " + actor.userId());
        }
        Profile profile = found.get();
        Optional<ModuleGrant> grant = profile.grantFor(module);
        if (grant.isEmpty() || !grant.get().grants(operation)) {
            return Decision.deny("profile '" + profile.name() + "' does not grant " + operation + " in " + module);
        }
        if (record.isEmpty()) {
            return Decision.allow("profile '" + profile.name() + "'");
        }
        if (grant.get().scope() == RecordScope.ALL) {
            return Decision.allow("profile '" + profile.name() + "' reaches every record of " + module);
        }
        Access access = recordAccess(actor.userId(), record.get());
        if (access.level().includes(operation.recordAccess())) {
            return Decision.allow(access.why());
        }
        return Decision.deny(access.level() == RecordAccess.NONE
                ? "the record is not owned by the user, a subordinate role or shared with the user"
                : operation + " needs " + operation.recordAccess() + " access to the record; the user has "
                        + access.level() + " (" + access.why() + ")");
    }

    private record Access(RecordAccess level, String why) {
    }

    private Access recordAccess(String userId, RecordRef record) {
        Optional<String> owner = record.ownerUserId();
        if (owner.isPresent() && owner.get().equals(userId)) {
            return new Access(RecordAccess.FULL, "owner");
        }
        String role = roleOf(userId);
        if (owner.isPresent() && role != null) {
            String ownerRole = roleOf(owner.get());
            if (ownerRole != null && below(role).contains(ownerRole)) {
                return new Access(RecordAccess.FULL, "role hierarchy");
            }
        }
        Access best = new Access(RecordAccess.NONE, "");
        List<SharingRule> candidates = new ArrayList<>(
                recordShares.getOrDefault(key(record.module(), record.type(), record.id()), List.of()));
        owner.ifPresent(o -> candidates.addAll(ownerShares.getOrDefault(key(record.module(), o), List.of())));
        for (SharingRule rule : candidates) {
            if (rule.coversType(record.type()) && reaches(rule.grantee(), userId, role)
                    && rule.access().recordAccess().compareTo(best.level()) > 0) {
                best = new Access(rule.access().recordAccess(), "sharing rule " + rule.id());
            }
        }
        return best;
    }

    private String roleOf(String userId) {
        Assignment assignment = assignments.get(userId);
        return assignment == null ? null : assignment.role().orElse(null);
    }

    private boolean reaches(Grantee grantee, String userId, String role) {
        if (grantee.kind() == Grantee.Kind.USER) {
            return grantee.id().equals(userId);
        }
        return role != null && (grantee.id().equals(role)
                || (grantee.includeSubordinates() && below(grantee.id()).contains(role)));
    }

    RecordVisibility visibility(Actor actor, String module, String type) {
        Optional<Profile> profile = profileOf(actor.userId());
        Optional<ModuleGrant> grant = profile.flatMap(p -> p.grantFor(module));
        if (grant.isEmpty() || !grant.get().grants(Operation.READ)) {
            return RecordVisibility.none();
        }
        if (grant.get().scope() == RecordScope.ALL) {
            return RecordVisibility.all();
        }
        String userId = actor.userId();
        String role = roleOf(userId);
        Set<String> owners = new HashSet<>();
        owners.add(userId);
        if (role != null) {
            for (String subordinate : below(role)) {
                owners.addAll(usersIn(subordinate));
            }
        }
        Set<String> records = new HashSet<>();
        for (SharingRule rule : sharingRules) {
            if (rule.module().equals(module) && rule.coversType(type) && reaches(rule.grantee(), userId, role)) {
                rule.ownerUserId().ifPresent(owners::add);
                rule.recordId().ifPresent(records::add);
            }
        }
        return new RecordVisibility(false, owners, records);
    }

    FieldAccessPlan fields(Actor actor, String module, String type, Map<String, DataClassification> catalogue,
            Purpose purpose, boolean privileged, Instant now, Duration window) {
        Set<String> readable = new TreeSet<>();
        Set<String> writable = new TreeSet<>();
        Set<String> reauth = new TreeSet<>();
        Set<String> hidden = new TreeSet<>();
        boolean fresh = recentlyAuthenticated(actor, now, window);
        Optional<Profile> profile = privileged ? Optional.empty() : profileOf(actor.userId());
        Optional<ModuleGrant> grant = profile.flatMap(p -> p.grantFor(module));
        for (Map.Entry<String, DataClassification> entry : catalogue.entrySet()) {
            String field = entry.getKey();
            DataClassification classification = entry.getValue() == null ? DataClassification.SPECIAL_CATEGORY
                    : entry.getValue(); // an unclassified field gets the strictest treatment
            boolean read;
            boolean write;
            if (privileged) {
                read = true;
                write = purpose != Purpose.EXPORT;
            } else if (grant.isEmpty()) {
                read = false;
                write = false;
            } else {
                FieldAccess access = fieldAccess(profile.get(), grant.get(), module, type, field, classification);
                Set<Operation> ops = grant.get().operations();
                read = access.readable() && ops.contains(purpose == Purpose.EXPORT ? Operation.EXPORT : Operation.READ);
                write = purpose != Purpose.EXPORT && access.writable()
                        && (ops.contains(Operation.EDIT) || ops.contains(Operation.CREATE));
            }
            if (!read && !write) {
                hidden.add(field);
            } else if (classification.requiresEncryption() && !privileged && !fresh) {
                reauth.add(field);
            } else {
                if (read) {
                    readable.add(field);
                }
                if (write) {
                    writable.add(field);
                }
            }
        }
        return new FieldAccessPlan(module, type, purpose, readable, writable, reauth, hidden);
    }

    /** The profile's access to one field before the module's operations are applied. */
    private FieldAccess fieldAccess(Profile profile, ModuleGrant grant, String module, String type, String field,
            DataClassification classification) {
        Map<String, FieldAccess> rules = fieldRules.getOrDefault(profile.name(), Map.of());
        FieldAccess exact = rules.get(key(module, type, field));
        FieldAccess wildcard = rules.get(key(module, type, Names.ALL));
        if (classification.hiddenByDefault()) {
            FieldAccess base = exact != null ? exact : profile.sensitiveFields();
            // a rule for every field may narrow sensitive fields but never reveals them
            return wildcard == null ? base : base.min(wildcard);
        }
        if (exact != null) {
            return exact;
        }
        if (wildcard != null) {
            return wildcard;
        }
        Set<Operation> ops = grant.operations();
        if (ops.contains(Operation.EDIT) || ops.contains(Operation.CREATE)) {
            return FieldAccess.READ_WRITE;
        }
        return ops.contains(Operation.READ) || ops.contains(Operation.EXPORT) ? FieldAccess.READ_ONLY
                : FieldAccess.HIDDEN;
    }

    static boolean recentlyAuthenticated(Actor actor, Instant now, Duration window) {
        if (actor.authenticatedAt().isEmpty()) {
            return false;
        }
        Instant at = actor.authenticatedAt().get();
        // a time in the future beyond clock skew is not trusted
        return !at.isBefore(now.minus(window)) && !at.isAfter(now.plusSeconds(60));
    }
}
