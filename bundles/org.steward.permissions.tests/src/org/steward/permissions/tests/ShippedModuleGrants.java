package org.steward.permissions.tests;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordScope;

/**
 * The grants the modules Steward ships contribute (contacts, tickets, consent, rights, breaches: their
 * {@code internal/*Grants.java}), for the tests of the default profiles, which run without those modules installed.
 */
record ShippedModuleGrants(String module, Set<Operation> operations, Map<String, ModuleGrant> defaults)
        implements ModuleGrants {

    private static boolean registered;

    /** Registers them once for the whole run, as if the modules were installed. */
    static synchronized void register(BundleContext context) {
        if (registered) {
            return;
        }
        registered = true;
        Set<Operation> compliance = EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.EXPORT,
                Operation.ERASE, Operation.MANAGE_CONSENT, Operation.VIEW_AUDIT);
        for (ModuleGrants module : new ModuleGrants[] {
                of("contacts", EnumSet.allOf(Operation.class),
                        Map.of(DefaultProfiles.SALES, EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT,
                                Operation.EXPORT), DefaultProfiles.SUPPORT_AGENT,
                                EnumSet.of(Operation.READ, Operation.EDIT), DefaultProfiles.READ_ONLY,
                                EnumSet.of(Operation.READ)), RecordScope.HIERARCHY),
                of("tickets", EnumSet.allOf(Operation.class),
                        Map.of(DefaultProfiles.SUPPORT_AGENT, EnumSet.of(Operation.READ, Operation.CREATE,
                                Operation.EDIT), DefaultProfiles.READ_ONLY, EnumSet.of(Operation.READ)),
                        RecordScope.HIERARCHY),
                of("consent", EnumSet.allOf(Operation.class),
                        Map.of(DefaultProfiles.READ_ONLY, EnumSet.of(Operation.READ)), RecordScope.HIERARCHY),
                of("rights", compliance, Map.of(DefaultProfiles.PRIVACY_OFFICER, compliance), RecordScope.ALL),
                of("breaches", compliance, Map.of(DefaultProfiles.PRIVACY_OFFICER, compliance), RecordScope.ALL) }) {
            context.registerService(ModuleGrants.class, module, null);
        }
    }

    static ShippedModuleGrants of(String module, Set<Operation> operations, Map<String, Set<Operation>> defaults,
            RecordScope scope) {
        Map<String, ModuleGrant> grants = new java.util.HashMap<>();
        defaults.forEach((profile, ops) -> grants.put(profile, new ModuleGrant(module, ops, scope)));
        return new ShippedModuleGrants(module, operations, Map.copyOf(grants));
    }
}
