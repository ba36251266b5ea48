package org.steward.permissions.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.steward.permissions.ModuleGrant;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordScope;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code PERM_PROFILE_MODULE}: a profile's operations and record scope in one module. */
@Entity
@Table(name = "PERM_PROFILE_MODULE")
public class ModuleGrantRecord {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "PROFILE_NAME", nullable = false, length = 64)
    private String profile;

    @Column(name = "MODULE_NAME", nullable = false, length = 100)
    private String module;

    /** Operation names separated by commas; empty when none. */
    @Column(name = "OPERATIONS", nullable = false, length = 400)
    private String operations;

    @Column(name = "RECORD_SCOPE", nullable = false, length = 16)
    private String scope;

    protected ModuleGrantRecord() {
    }

    ModuleGrantRecord(String id, String profile, ModuleGrant grant) {
        this.id = id;
        this.profile = profile;
        this.module = grant.module();
        update(grant.operations(), grant.scope());
    }

    String profile() {
        return profile;
    }

    String module() {
        return module;
    }

    void update(Set<Operation> ops, RecordScope recordScope) {
        this.operations = ops.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        this.scope = recordScope.name();
    }

    ModuleGrant toGrant() {
        Set<Operation> ops = EnumSet.noneOf(Operation.class);
        if (!operations.isBlank()) {
            Arrays.stream(operations.split(",")).map(Operation::valueOf).forEach(ops::add);
        }
        return new ModuleGrant(module, ops, RecordScope.valueOf(scope));
    }
}
