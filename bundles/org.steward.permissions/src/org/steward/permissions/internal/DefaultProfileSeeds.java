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

    static List<Profile> all() {
        var compliance = EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.EXPORT, Operation.ERASE,
                Operation.MANAGE_CONSENT, Operation.VIEW_AUDIT);
        return List.of(
                new Profile(DefaultProfiles.ADMINISTRATOR, "Everything in every module, every record and every field; "
                        + "sensitive fields after re-authentication.", true,
                        Map.of(Names.ALL, new ModuleGrant(Names.ALL, EnumSet.allOf(Operation.class), RecordScope.ALL)),
                        List.of(), FieldAccess.READ_WRITE),
                new Profile(DefaultProfiles.PRIVACY_OFFICER, "Reads, exports and erases every record, manages consent and "
                        + "reads the audit trail; sensitive fields read-only after re-authentication; no creation, change "
                        + "or deletion of business records; keeps the request and breach registers.", true,
                        Map.of(Names.ALL,
                                new ModuleGrant(Names.ALL, EnumSet.of(Operation.READ, Operation.EXPORT, Operation.ERASE,
                                        Operation.MANAGE_CONSENT, Operation.VIEW_AUDIT), RecordScope.ALL),
                                "rights", new ModuleGrant("rights", compliance, RecordScope.ALL),
                                "breaches", new ModuleGrant("breaches", compliance, RecordScope.ALL)),
                        List.of(), FieldAccess.READ_ONLY),
                new Profile(DefaultProfiles.SALES, "Contacts, companies and leads: read, create, edit and export of "
                        + "non-sensitive fields, on own records, subordinates' and shared ones.", true,
                        Map.of("contacts", new ModuleGrant("contacts",
                                EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.EXPORT),
                                RecordScope.HIERARCHY)),
                        List.of(), FieldAccess.HIDDEN),
                new Profile(DefaultProfiles.SUPPORT_AGENT, "Tickets: read, create, edit; contacts: read and edit of "
                        + "non-sensitive fields; no export.", true,
                        Map.of("tickets", new ModuleGrant("tickets",
                                EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT), RecordScope.HIERARCHY),
                                "contacts", new ModuleGrant("contacts", EnumSet.of(Operation.READ, Operation.EDIT),
                                        RecordScope.HIERARCHY)),
                        List.of(), FieldAccess.HIDDEN),
                new Profile(DefaultProfiles.READ_ONLY, "Reads non-sensitive fields of contacts, tickets and consent, on "
                        + "own records, subordinates' and shared ones.", true,
                        Map.of("contacts", new ModuleGrant("contacts", EnumSet.of(Operation.READ), RecordScope.HIERARCHY),
                                "tickets", new ModuleGrant("tickets", EnumSet.of(Operation.READ), RecordScope.HIERARCHY),
                                "consent", new ModuleGrant("consent", EnumSet.of(Operation.READ), RecordScope.HIERARCHY)),
                        List.of(), FieldAccess.HIDDEN));
    }
}
