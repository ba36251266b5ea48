package org.steward.permissions;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a user may do, whatever their place in the role hierarchy: the operations per module with their record scope,
 * the explicit field rules, and the access to sensitive and special-category fields that have no explicit rule.
 *
 * @param name the unique name, e.g. {@code Sales}
 * @param description what the profile is for
 * @param builtIn one of the {@link DefaultProfiles} (cannot be deleted; the Administrator cannot be changed)
 * @param modules the grants by module name ({@link Names#ALL} for every module without an entry)
 * @param fieldRules explicit field rules
 * @param sensitiveFields the access to sensitive and special-category fields without an explicit rule:
 *            {@link FieldAccess#HIDDEN} for every non-privileged profile (GDPR Art. 25, data protection by default)
 */
public record Profile(String name, String description, boolean builtIn, Map<String, ModuleGrant> modules,
        List<FieldRule> fieldRules, FieldAccess sensitiveFields) {

    public Profile {
        description = description == null ? "" : description;
        modules = Collections.unmodifiableMap(new TreeMap<>(modules == null ? Map.of() : modules));
        fieldRules = fieldRules == null ? List.of() : List.copyOf(fieldRules);
        sensitiveFields = sensitiveFields == null ? FieldAccess.HIDDEN : sensitiveFields;
    }

    /** The grant that applies to a module: its own entry, else the {@link Names#ALL} entry. */
    public Optional<ModuleGrant> grantFor(String module) {
        ModuleGrant own = modules.get(module);
        return Optional.ofNullable(own != null ? own : modules.get(Names.ALL));
    }

    public boolean grants(String module, Operation operation) {
        return grantFor(module).map(g -> g.grants(operation)).orElse(false);
    }
}
