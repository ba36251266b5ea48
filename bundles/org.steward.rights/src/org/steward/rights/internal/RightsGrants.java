package org.steward.rights.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.steward.rights.RequestRegister;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordScope;

/**
 * The operations of the rights module and what the default profiles grant in it: the privacy officer keeps the
 * register of data-subject requests (every request).
 * The permissions module applies them once per database; from then on the profiles are the administrator's.
 */
@Component
public final class RightsGrants implements ModuleGrants {

    @Override
    public String module() {
        return RequestRegister.MODULE;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.EXPORT, Operation.ERASE,
                Operation.MANAGE_CONSENT, Operation.VIEW_AUDIT);
    }

    @Override
    public Map<String, ModuleGrant> defaults() {
        return Map.of(DefaultProfiles.PRIVACY_OFFICER, ModuleGrant.of(RequestRegister.MODULE, RecordScope.ALL,
                Operation.READ, Operation.CREATE, Operation.EDIT, Operation.EXPORT, Operation.ERASE,
                Operation.MANAGE_CONSENT, Operation.VIEW_AUDIT));
    }

}
