package org.steward.consent.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.steward.consent.Consents;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordScope;

/**
 * The operations of the consent module and what the default profiles grant in it: read-only users read consents
 * (the privacy officer manages them through the grant for every module).
 * The permissions module applies them once per database; from then on the profiles are the administrator's.
 */
@Component
public final class ConsentGrants implements ModuleGrants {

    @Override
    public String module() {
        return Consents.MODULE;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.READ, Operation.CREATE, Operation.EXPORT, Operation.ERASE, Operation.MANAGE_CONSENT,
                Operation.VIEW_AUDIT, Operation.ADMINISTER);
    }

    @Override
    public Map<String, ModuleGrant> defaults() {
        return Map.of(
                DefaultProfiles.READ_ONLY, ModuleGrant.of(Consents.MODULE, RecordScope.HIERARCHY, Operation.READ));
    }

}
