package org.steward.contacts.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.steward.contacts.Contacts;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.ModuleGrant;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordScope;

/**
 * The operations of the contacts module and what the default profiles grant in it: sales read, create, edit and
 * export contacts, companies and leads; support agents read and edit them; read-only users read them.
 * The permissions module applies them once per database; from then on the profiles are the administrator's.
 */
@Component
public final class ContactsGrants implements ModuleGrants {

    @Override
    public String module() {
        return Contacts.MODULE;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.READ, Operation.CREATE, Operation.EDIT, Operation.DELETE, Operation.IMPORT,
                Operation.EXPORT, Operation.ERASE, Operation.MANAGE_CONSENT, Operation.VIEW_AUDIT, Operation.ADMINISTER);
    }

    @Override
    public Map<String, ModuleGrant> defaults() {
        return Map.of(
                DefaultProfiles.SALES, ModuleGrant.of(Contacts.MODULE, RecordScope.HIERARCHY, Operation.READ,
                        Operation.CREATE, Operation.EDIT, Operation.EXPORT),
                DefaultProfiles.SUPPORT_AGENT, ModuleGrant.of(Contacts.MODULE, RecordScope.HIERARCHY, Operation.READ,
                        Operation.EDIT),
                DefaultProfiles.READ_ONLY, ModuleGrant.of(Contacts.MODULE, RecordScope.HIERARCHY, Operation.READ));
    }

}
