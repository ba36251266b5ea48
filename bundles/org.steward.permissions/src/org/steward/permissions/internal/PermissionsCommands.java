package org.steward.permissions.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.permissions.Assignment;
import org.steward.permissions.FieldRule;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.Profile;
import org.steward.permissions.Role;

/**
 * Console commands of the permissions bundle, in the {@code roles} scope. They act as the server console
 * ({@link Actor#console(String)}, identified by the operating-system user) and every change is audited.
 */
@Component(service = PermissionsCommands.class, property = { "osgi.command.scope=roles", "osgi.command.function=list",
        "osgi.command.function=grant", "osgi.command.function=revoke", "osgi.command.function=profiles" })
public final class PermissionsCommands {

    private static final String NL = System.lineSeparator();
    private static final String ROLE = "role:";
    private static final String PROFILE = "profile:";

    private final PermissionAdministration administration;

    @Activate
    public PermissionsCommands(@Reference PermissionAdministration administration) {
        this.administration = administration;
    }

    private static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    @Descriptor("Lists the role hierarchy with the users in each role and their profiles, then users without a role")
    public String list() {
        List<Role> roles = administration.roles();
        Map<String, List<Assignment>> byRole = administration.assignments().stream()
                .collect(Collectors.groupingBy(a -> a.role().orElse("")));
        StringBuilder out = new StringBuilder();
        if (roles.isEmpty()) {
            out.append("No roles yet.").append(NL);
        }
        for (Role role : roles) {
            int depth = depthOf(role, roles);
            out.append("  ".repeat(depth)).append(role.name());
            if (!role.description().isEmpty()) {
                out.append("  - ").append(role.description());
            }
            out.append(NL);
            for (Assignment user : byRole.getOrDefault(role.name(), List.of())) {
                out.append("  ".repeat(depth + 1)).append("user ").append(user.userId()).append("  profile: ")
                        .append(user.profile().orElse("(none: may do nothing)")).append(NL);
            }
        }
        List<Assignment> withoutRole = byRole.getOrDefault("", List.of());
        if (!withoutRole.isEmpty()) {
            out.append("Users without a role (own and shared records only):").append(NL);
            for (Assignment user : withoutRole) {
                out.append("  user ").append(user.userId()).append("  profile: ")
                        .append(user.profile().orElse("(none)")).append(NL);
            }
        }
        return out.toString().stripTrailing();
    }

    private static int depthOf(Role role, List<Role> roles) {
        int depth = 0;
        Optional<String> parent = role.parent();
        while (parent.isPresent() && depth < roles.size()) {
            String name = parent.get();
            parent = roles.stream().filter(r -> r.name().equals(name)).findFirst().flatMap(Role::parent);
            depth++;
        }
        return depth;
    }

    @Descriptor("Gives a user a role or a profile. A user has one role (which records they reach through the hierarchy) "
            + "and one profile (what they may do); granting replaces the previous one. Examples: "
            + "roles:grant anna profile:Sales   roles:grant anna role:Sales-Team   "
            + "roles:grant anna \"profile:Privacy officer\" (quote names with spaces)")
    public String grant(@Descriptor("the user id") String user,
            @Descriptor("role:<role name> or profile:<profile name>") String roleOrProfile) {
        Target target = Target.parse(roleOrProfile);
        Assignment result = target.role()
                ? administration.assignRole(console(), user, target.name())
                : administration.assignProfile(console(), user, target.name());
        return "User " + result.userId() + ": role " + result.role().orElse("(none)") + ", profile "
                + result.profile().orElse("(none)");
    }

    @Descriptor("Takes a role or profile away from a user, if the user has exactly that one. Without a profile a user "
            + "may do nothing; without a role only their own and shared records. Examples: "
            + "roles:revoke anna profile:Sales   roles:revoke anna role:Sales-Team")
    public String revoke(@Descriptor("the user id") String user,
            @Descriptor("role:<role name> or profile:<profile name>") String roleOrProfile) {
        Target target = Target.parse(roleOrProfile);
        Optional<Assignment> current = administration.assignment(user == null ? "" : user.trim());
        Optional<String> held = current.flatMap(a -> target.role() ? a.role() : a.profile());
        if (held.isEmpty() || !held.get().equals(target.name())) {
            throw new ValidationException(roleOrProfile, "user " + user + " does not have " + (target.role() ? "role"
                    : "profile") + " '" + target.name() + "'" + held.map(h -> " (has '" + h + "')").orElse(""));
        }
        Assignment result = target.role() ? administration.unassignRole(console(), user)
                : administration.unassignProfile(console(), user);
        return "User " + result.userId() + ": role " + result.role().orElse("(none)") + ", profile "
                + result.profile().orElse("(none)");
    }

    @Descriptor("Lists the profiles with their operations per module (* = every module without its own entry), the "
            + "records they reach, sensitive-field access and explicit field rules")
    public String profiles() {
        StringBuilder out = new StringBuilder();
        for (Profile profile : administration.profiles()) {
            out.append(profile.name()).append(profile.builtIn() ? " (default)" : "").append("  sensitive fields: ")
                    .append(profile.sensitiveFields()).append(NL);
            for (ModuleGrant grant : profile.modules().values()) {
                out.append("  ").append(grant.module()).append(": ")
                        .append(grant.operations().isEmpty() ? "(nothing)"
                                : grant.operations().stream().map(Enum::name).collect(Collectors.joining(", ")))
                        .append("  records: ").append(grant.scope()).append(NL);
            }
            for (FieldRule rule : profile.fieldRules()) {
                out.append("  field ").append(rule.module()).append('/').append(rule.type()).append('/')
                        .append(rule.field()).append(": ").append(rule.access()).append(NL);
            }
        }
        return out.toString().stripTrailing();
    }

    /** A parsed {@code role:<name>} or {@code profile:<name>}. */
    private record Target(boolean role, String name) {

        static Target parse(String text) {
            String value = text == null ? "" : text.trim();
            if (value.startsWith(ROLE) && value.length() > ROLE.length()) {
                return new Target(true, value.substring(ROLE.length()).trim());
            }
            if (value.startsWith(PROFILE) && value.length() > PROFILE.length()) {
                return new Target(false, value.substring(PROFILE.length()).trim());
            }
            throw new ValidationException("role-or-profile",
                    "write role:<name> or profile:<name>, e.g. profile:Sales (was '" + value + "')");
        }
    }
}
