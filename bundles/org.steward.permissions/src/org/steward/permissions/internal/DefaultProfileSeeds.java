package org.steward.permissions.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.FieldAccess;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.Names;
import org.steward.permissions.Operation;
import org.steward.permissions.Profile;
import org.steward.permissions.RecordScope;

/** The default profiles as created on first start; docs/PERMISSIONS.md has the same table. */
final class DefaultProfileSeeds {

    private DefaultProfileSeeds() {
    }

    /**
     * The default profiles without any module of their own: what they grant in a module comes from the module
     * ({@link org.steward.permissions.ModuleGrants}); only the grants for every module are here.
     */
    static List<Profile> all() {
        return List.of(
                new Profile(DefaultProfiles.ADMINISTRATOR, "Everything in every module, every record and every field; "
                        + "sensitive fields after re-authentication.", true,
                        Map.of(Names.ALL, new ModuleGrant(Names.ALL, EnumSet.allOf(Operation.class), RecordScope.ALL)),
                        List.of(), FieldAccess.READ_WRITE),
                new Profile(DefaultProfiles.PRIVACY_OFFICER, "Reads, exports and erases every record, manages consent and "
                        + "reads the audit trail; sensitive fields read-only after re-authentication; no creation, change "
                        + "or deletion of business records; keeps the registers of the compliance modules.", true,
                        Map.of(Names.ALL,
                                new ModuleGrant(Names.ALL, EnumSet.of(Operation.READ, Operation.EXPORT, Operation.ERASE,
                                        Operation.MANAGE_CONSENT, Operation.VIEW_AUDIT), RecordScope.ALL)),
                        List.of(), FieldAccess.READ_ONLY),
                new Profile(DefaultProfiles.SALES, "Customer-facing work: in each module, what the module grants "
                        + "sales (read, create, edit and export of non-sensitive fields), on own records, "
                        + "subordinates' and shared ones.", true, Map.of(), List.of(), FieldAccess.HIDDEN),
                new Profile(DefaultProfiles.SUPPORT_AGENT, "Support work: in each module, what the module grants "
                        + "support agents (read, create and edit of non-sensitive fields; no export).", true, Map.of(),
                        List.of(), FieldAccess.HIDDEN),
                new Profile(DefaultProfiles.READ_ONLY, "Reads non-sensitive fields in the modules that grant it, on "
                        + "own records, subordinates' and shared ones.", true,
                        Map.of(), List.of(), FieldAccess.HIDDEN));
    }
}
