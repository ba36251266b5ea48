package org.steward.permissions.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of {@code PERM_MODULE_DEFAULTS}: a module's default grants were applied to a default profile on this
 * database, so they are never applied again (the profile is the administrator's from then on).
 */
@Entity
@Table(name = "PERM_MODULE_DEFAULTS")
public class ModuleDefaultsRecord {

    /** Derived from module and profile ({@link PermissionStore#keyId}): two servers cannot both apply them. */
    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "MODULE_NAME", nullable = false, length = 100)
    private String module;

    @Column(name = "PROFILE_NAME", nullable = false, length = 64)
    private String profile;

    @Column(name = "APPLIED_AT", nullable = false)
    private Instant appliedAt;

    protected ModuleDefaultsRecord() {
    }

    ModuleDefaultsRecord(String module, String profile, Instant appliedAt) {
        this.id = id(module, profile);
        this.module = module;
        this.profile = profile;
        this.appliedAt = appliedAt;
    }

    static String id(String module, String profile) {
        return PermissionStore.keyId("defaults", module, profile);
    }
}
