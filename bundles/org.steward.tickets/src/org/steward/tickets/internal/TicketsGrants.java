package org.steward.tickets.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.steward.tickets.Tickets;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordScope;

/**
 * The operations of the tickets module and what the default profiles grant in it: support agents read, create and
 * edit tickets; read-only users read them.
 * The permissions module applies them once per database; from then on the profiles are the administrator's.
 */
@Component
public final class TicketsGrants implements ModuleGrants {

    @Override
    public String module() {
        return Tickets.MODULE;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.DELETE, Operation.EXPORT,
                Operation.ERASE, Operation.VIEW_AUDIT, Operation.ADMINISTER);
    }

    @Override
    public Map<String, ModuleGrant> defaults() {
        return Map.of(
                DefaultProfiles.SUPPORT_AGENT, ModuleGrant.of(Tickets.MODULE, RecordScope.HIERARCHY, Operation.READ,
                        Operation.CREATE, Operation.EDIT),
                DefaultProfiles.READ_ONLY, ModuleGrant.of(Tickets.MODULE, RecordScope.HIERARCHY, Operation.READ));
    }

}
