package org.steward.permissions;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operations a profile grants in one module (or in every module without an entry of its own, for
 * {@link Names#ALL}), and which records of the module they reach.
 */
public record ModuleGrant(String module, Set<Operation> operations, RecordScope scope) {

    public ModuleGrant {
        module = Names.moduleOrAll("module", module);
        operations = Collections.unmodifiableSet(operations == null || operations.isEmpty()
                ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(operations));
        scope = scope == null ? RecordScope.HIERARCHY : scope;
    }

    /** A grant of the given operations in {@code module}, for a module's {@link ModuleGrants#defaults()}. */
    public static ModuleGrant of(String module, RecordScope scope, Operation first, Operation... more) {
        return new ModuleGrant(module, EnumSet.of(first, more), scope);
    }

    public boolean grants(Operation operation) {
        return operations.contains(operation);
    }
}
